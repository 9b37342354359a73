/**
 * The router's traces and metrics. {@link dev.convoy.router.telemetry.RouterTracing} puts
 * OpenTelemetry's gRPC instrumentation on the inference service (a SERVER span per call) and on
 * the backend channels (a CLIENT span per attempt, the W3C trace context in its metadata);
 * {@link dev.convoy.router.telemetry.CallTrace} adds the routing decisions to those spans.
 * {@link dev.convoy.router.telemetry.RouterMetrics} holds the instruments Prometheus scrapes as
 * {@code convoy_router_*}. Made from the {@link io.opentelemetry.api.OpenTelemetry} the router
 * is given; with the no-op one they cost next to nothing.
 */
package dev.convoy.router.telemetry;
