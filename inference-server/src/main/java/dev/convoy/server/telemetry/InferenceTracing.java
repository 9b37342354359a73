package dev.convoy.server.telemetry;

import dev.convoy.batcher.Batch;
import dev.convoy.batcher.Queued;
import dev.convoy.telemetry.GrpcSpans;
import dev.convoy.telemetry.SpanClock;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The server's spans, all stamped from the server's ticker through a {@link SpanClock}:
 *
 * <pre>
 * inference.GRPCInferenceService/ModelInfer   SERVER, from the gRPC instrumentation
 *   convoy.infer      one inference request: model, version, request id, rows, status
 *     convoy.queue    its wait, enqueue to dispatch; links to its batch
 *   convoy.batch      one per executed batch, child of the first traced request it carries
 *                     and linked to every request span in it; site and batch size
 *     convoy.compute  the model run: model, version, instance, device, batch size
 * </pre>
 *
 * Each request span also links to its batch. A batch none of whose requests is traced makes
 * no spans at all.
 */
public final class InferenceTracing {
  public static final String INFER = "convoy.infer";
  public static final String QUEUE = "convoy.queue";
  public static final String BATCH = "convoy.batch";
  public static final String COMPUTE = "convoy.compute";

  private final Tracer tracer;
  private final SpanClock clock;

  InferenceTracing(Tracer tracer, SpanClock clock) {
    this.tracer = tracer;
    this.clock = clock;
  }

  /**
   * Starts a request's span, begun at {@code startTick}, under {@code parent}'s span. Under a call
   * that is not traced it is the call's own span: its children are not traced either, and the
   * SDK would make a span id for each (2% of a server's CPU at 10% sampling).
   */
  public Span startRequest(Context parent, String model, String requestId, long startTick) {
    Span call = Span.fromContext(parent);
    if (call.getSpanContext().isValid() && !call.getSpanContext().isSampled() && !call.isRecording()) {
      return call;
    }
    SpanBuilder builder = tracer.spanBuilder(INFER).setParent(parent)
        .setStartTimestamp(clock.epochNanos(startTick), TimeUnit.NANOSECONDS)
        .setAttribute(SpanAttributes.MODEL, model);
    if (!requestId.isEmpty()) {
      builder.setAttribute(SpanAttributes.REQUEST_ID, requestId);
    }
    return builder.startSpan();
  }

  /** Notes the version that serves the request. */
  public void resolved(Span span, long version) {
    span.setAttribute(SpanAttributes.VERSION, version);
  }

  /** Notes the request's rows (its batch dimension). */
  public void rows(Span span, long rows) {
    span.setAttribute(SpanAttributes.ROWS, rows);
  }

  /**
   * Ends a request's span at {@code endTick} with the status it is answered with.
   *
   * @param batchRows the rows of the batch it ran in; 0 when it never ran
   */
  public void endRequest(Span span, Status status, int batchRows, long endTick) {
    if (batchRows > 0) {
      span.setAttribute(SpanAttributes.BATCH_SIZE, (long) batchRows);
    }
    GrpcSpans.recordStatus(span, status);
    span.end(clock.epochNanos(endTick), TimeUnit.NANOSECONDS);
  }

  /**
   * Starts the span of a batch dispatched to {@code site}, with a queue span for each traced
   * request in it.
   *
   * @param requestSpan the span of a request, from its payload
   */
  public <I> BatchTrace startBatch(ExecutionSite site, Batch<I> batch, long rows,
      Function<? super I, Span> requestSpan) {
    List<Queued<I>> items = batch.items();
    Span parent = null;
    for (Queued<I> item : items) {
      Span span = requestSpan.apply(item.payload());
      if (span.isRecording()) {
        parent = span;
        break;
      }
    }
    if (parent == null) {
      return BatchTrace.NONE;
    }
    long dispatched = clock.epochNanos(batch.dispatchedAtNanos());
    SpanBuilder builder = tracer.spanBuilder(BATCH).setParent(Context.root().with(parent))
        .setStartTimestamp(dispatched, TimeUnit.NANOSECONDS)
        .setAllAttributes(site.spanAttributes())
        .setAttribute(SpanAttributes.BATCH_SIZE, rows)
        .setAttribute(SpanAttributes.BATCH_REQUESTS, (long) items.size());
    for (Queued<I> item : items) {
      SpanContext request = requestSpan.apply(item.payload()).getSpanContext();
      if (request.isValid()) {
        builder.addLink(request);
      }
    }
    Span span = builder.startSpan();
    for (Queued<I> item : items) {
      queueSpan(site, requestSpan.apply(item.payload()), clock.epochNanos(item.enqueuedAtNanos()), dispatched, span);
    }
    return new BatchTrace(tracer, clock, site, rows, span);
  }

  private void queueSpan(ExecutionSite site, Span request, long enqueued, long dispatched, Span batch) {
    if (!request.isRecording()) {
      return;
    }
    request.addLink(batch.getSpanContext());
    tracer.spanBuilder(QUEUE).setParent(Context.root().with(request))
        .setStartTimestamp(enqueued, TimeUnit.NANOSECONDS)
        .setAttribute(SpanAttributes.MODEL, site.model())
        .setAttribute(SpanAttributes.VERSION, site.version())
        .addLink(batch.getSpanContext())
        .startSpan()
        .end(dispatched, TimeUnit.NANOSECONDS);
  }
}
