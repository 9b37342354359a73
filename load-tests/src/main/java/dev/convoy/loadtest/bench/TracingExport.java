package dev.convoy.loadtest.bench;

import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.otlp.OtlpSink;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What a served row traces with: nothing, or every span sampled and exported over OTLP/gRPC
 * to a loopback receiver in this JVM that acknowledges without parsing — the whole cost of
 * tracing on the server's side, without a collector's.
 */
final class TracingExport implements AutoCloseable {
  private final OtlpSink sink;
  private final Telemetry telemetry;

  private TracingExport(OtlpSink sink, Telemetry telemetry) {
    this.sink = sink;
    this.telemetry = telemetry;
  }

  static TracingExport off() {
    return new TracingExport(null, Telemetry.noop());
  }

  static TracingExport everySpan() throws IOException {
    OtlpSink sink = OtlpSink.start();
    Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server").withProperties(Map.of(
        "otel.exporter.otlp.endpoint", sink.endpoint(), "otel.traces.sampler", "always_on",
        // Export as the spans come, not in bursts every 5 s (the SDK's default), so even a short
        // row pays for its export while it is measured.
        "otel.bsp.schedule.delay", "100")));
    return new TracingExport(sink, telemetry);
  }

  OpenTelemetry openTelemetry() {
    return telemetry.openTelemetry();
  }

  /**
   * Whether the receiver has taken an export request, waiting up to {@code timeout} for the
   * exporter's next batch: proof that a traced row really exported.
   */
  boolean exported(Duration timeout) {
    long giveUpAt = System.nanoTime() + timeout.toNanos();
    while (sink != null && sink.requests() == 0 && System.nanoTime() < giveUpAt) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    return sink != null && sink.requests() > 0;
  }

  @Override
  public void close() throws InterruptedException {
    telemetry.close();
    if (sink != null) {
      sink.close();
    }
  }
}
