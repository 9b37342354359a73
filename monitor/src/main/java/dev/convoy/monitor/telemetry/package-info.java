/** The monitor's OpenTelemetry instruments, exposed on Prometheus {@code /metrics}. */
package dev.convoy.monitor.telemetry;
