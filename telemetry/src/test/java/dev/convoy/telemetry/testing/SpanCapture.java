package dev.convoy.telemetry.testing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An OpenTelemetry SDK that samples every span and keeps it in an {@link InMemorySpanExporter}
 * as soon as it ends ({@link SimpleSpanProcessor}), with W3C trace context propagation. Spans
 * that end on another thread after the call under test returned (a server span ends once the
 * response is sent) are awaited with {@link #await}, which wakes on each export: no sleeping.
 */
public final class SpanCapture implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final Object exported = new Object();
  private final OpenTelemetrySdk sdk;

  public SpanCapture() {
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Notifying()))
            .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The spans ended so far, in the order they ended. */
  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  /**
   * Waits until the ended spans satisfy {@code condition}, and returns them.
   *
   * @throws AssertionError naming the spans seen when {@code timeout} passes first
   */
  public List<SpanData> await(Predicate<List<SpanData>> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (exported) {
      List<SpanData> spans = spans();
      while (!condition.test(spans)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("spans never matched within " + timeout + "; ended: "
              + spans.stream().map(SpanData::getName).toList());
        }
        TimeUnit.NANOSECONDS.timedWait(exported, left);
        spans = spans();
      }
      return spans;
    }
  }

  /** Waits until at least {@code count} spans named {@code name} have ended. */
  public List<SpanData> awaitCount(String name, int count, Duration timeout) throws InterruptedException {
    return await(spans -> spans.stream().filter(s -> s.getName().equals(name)).count() >= count, timeout);
  }

  public void reset() {
    exporter.reset();
  }

  @Override
  public void close() {
    sdk.close();
  }

  /** Hands spans to the in-memory exporter and wakes whoever awaits them. */
  private final class Notifying implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CompletableResultCode result = exporter.export(spans);
      synchronized (exported) {
        exported.notifyAll();
      }
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return exporter.shutdown();
    }
  }
}
