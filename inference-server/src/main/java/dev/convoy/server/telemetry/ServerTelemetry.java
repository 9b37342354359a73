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
  private final TraceControl traces;

  private ServerTelemetry(InferenceTracing tracing, InferenceMetrics metrics, TraceControl traces) {
    this.tracing = tracing;
    this.metrics = metrics;
    this.traces = traces;
  }

  /**
   * @param ticker the ticker the server measures with; span timestamps come from it
   * @param wallClock anchors the ticker to epoch time, once
   */
  public static ServerTelemetry create(OpenTelemetry openTelemetry, LongSupplier ticker, Clock wallClock) {
    return create(openTelemetry, ticker, wallClock, new TraceControl());
  }

  /** @param traces the trace settings that the SDK's {@link TraceSampler} applies */
  public static ServerTelemetry create(OpenTelemetry openTelemetry, LongSupplier ticker, Clock wallClock,
      TraceControl traces) {
    SpanClock clock = SpanClock.anchored(ticker, wallClock);
    return new ServerTelemetry(new InferenceTracing(openTelemetry.getTracer(SCOPE), clock),
        new InferenceMetrics(openTelemetry.getMeter(SCOPE)), traces);
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

  /** Triton's trace settings, read and changed by the TraceSetting RPC. */
  public TraceControl traces() {
    return traces;
  }
}
