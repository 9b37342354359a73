/**
 * Prometheus exposition of the SDK's metrics: a pull {@link
 * io.opentelemetry.sdk.metrics.export.MetricReader} that collects on every scrape, the
 * conversion of OpenTelemetry metric data into Prometheus' model (names with unit suffixes,
 * counters with {@code _total}, classic histograms), and the {@code /metrics} HTTP endpoint,
 * written by the Prometheus Java client's exposition formats.
 */
package dev.convoy.telemetry.prometheus;
