/**
 * OpenTelemetry for Convoy's services: {@link dev.convoy.telemetry.Telemetry} builds the SDK from
 * the standard {@code OTEL_*} settings (OTLP over gRPC or HTTP, Prometheus {@code /metrics}),
 * {@link dev.convoy.telemetry.GrpcTracing} traces gRPC calls with W3C trace context in metadata,
 * and {@link dev.convoy.telemetry.SpanClock} stamps spans from a service's own ticker.
 */
package dev.convoy.telemetry;
