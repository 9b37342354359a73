package dev.convoy.server.telemetry;

import dev.convoy.telemetry.SpanClock;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * What the server records about its work, made once from the {@link OpenTelemetry} it is
 * given and shared by the protocol handlers and every model instance.
 */
public final class ServerTelemetry {
  /** The instrumentation scope of the server's own spans and instruments. */
  public static final String SCOPE = "dev.convoy.server";

  private final InferenceTracing tracing;
  private final InferenceMetrics metrics;

  private ServerTelemetry(InferenceTracing tracing, InferenceMetrics metrics) {
    this.tracing = tracing;
    this.metrics = metrics;
  }

  /**
   * @param ticker the ticker the server measures with; span timestamps come from it
   * @param wallClock anchors the ticker to epoch time, once
   */
  public static ServerTelemetry create(OpenTelemetry openTelemetry, LongSupplier ticker, Clock wallClock) {
    SpanClock clock = SpanClock.anchored(ticker, wallClock);
    return new ServerTelemetry(new InferenceTracing(openTelemetry.getTracer(SCOPE), clock),
        new InferenceMetrics(openTelemetry.getMeter(SCOPE)));
  }

  /** Records nothing. */
  public static ServerTelemetry noop(LongSupplier ticker) {
    return create(OpenTelemetry.noop(), ticker, Clock.systemUTC());
  }

  public InferenceTracing tracing() {
    return tracing;
  }

  public InferenceMetrics metrics() {
    return metrics;
  }
}
