/**
 * Test fixtures for the services' telemetry tests, shipped as {@code convoy-telemetry:tests}:
 * an SDK that keeps its spans in memory ({@link dev.convoy.telemetry.testing.SpanCapture}), an
 * OTLP receiver on a loopback port ({@link dev.convoy.telemetry.testing.OtlpReceiver}), and a
 * strict parser of Prometheus' text format ({@link dev.convoy.telemetry.testing.PrometheusText}).
 */
package dev.convoy.telemetry.testing;
