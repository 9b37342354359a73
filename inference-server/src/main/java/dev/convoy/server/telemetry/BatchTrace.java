package dev.convoy.server.telemetry;

import dev.convoy.telemetry.SpanClock;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/** The spans of one executing batch; {@link #NONE} when none of its requests is traced. */
public final class BatchTrace {
  static final BatchTrace NONE = new BatchTrace(null, null, null, 0, Span.getInvalid());

  private final Tracer tracer;
  private final SpanClock clock;
  private final ExecutionSite site;
  private final long rows;
  private final Span batch;

  BatchTrace(Tracer tracer, SpanClock clock, ExecutionSite site, long rows, Span batch) {
    this.tracer = tracer;
    this.clock = clock;
    this.site = site;
    this.rows = rows;
    this.batch = batch;
  }

  /** The batch's span (invalid for {@link #NONE}). */
  public Span span() {
    return batch;
  }

  /** Records the model run from {@code startTick} to {@code endTick}; {@code failure} if it threw. */
  public void compute(long startTick, long endTick, Throwable failure) {
    if (this == NONE) {
      return;
    }
    Span compute = tracer.spanBuilder(InferenceTracing.COMPUTE).setParent(Context.root().with(batch))
        .setStartTimestamp(clock.epochNanos(startTick), TimeUnit.NANOSECONDS)
        .setAllAttributes(site.spanAttributes())
        .setAttribute(SpanAttributes.BATCH_SIZE, rows)
        .startSpan();
    if (failure != null) {
      recordFailure(compute, failure);
    }
    compute.end(clock.epochNanos(endTick), TimeUnit.NANOSECONDS);
  }

  /** Marks the batch as failed: every request in it fails with {@code failure}. */
  public void fail(Throwable failure) {
    if (this != NONE) {
      recordFailure(batch, failure);
    }
  }

  public void end(long endTick) {
    if (this != NONE) {
      batch.end(clock.epochNanos(endTick), TimeUnit.NANOSECONDS);
    }
  }

  private static void recordFailure(Span span, Throwable failure) {
    span.recordException(failure);
    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
  }
}
