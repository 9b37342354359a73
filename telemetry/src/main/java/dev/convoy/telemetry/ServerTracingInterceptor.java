package dev.convoy.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A SERVER span per call, child of the trace context in the call's metadata, current while the
 * handler runs any of the call's callbacks; ended when the call closes or is cancelled.
 */
final class ServerTracingInterceptor implements ServerInterceptor {
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  ServerTracingInterceptor(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Context parent = propagator.extract(Context.root(), headers, MetadataCarrier.INSTANCE);
    Span span = tracer.spanBuilder(call.getMethodDescriptor().getFullMethodName()).setParent(parent)
        .setSpanKind(SpanKind.SERVER).startSpan();
    if (span.isRecording()) {
      RpcSpans.describe(span, call.getMethodDescriptor());
      RpcSpans.peer(span, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    }
    Context context = parent.with(span);
    TracedCall<Q, R> traced = new TracedCall<>(call, span);
    ServerCall.Listener<Q> listener;
    try (Scope ignored = context.makeCurrent()) {
      listener = next.startCall(traced, headers);
    }
    return new TracedListener<>(listener, context, traced);
  }

  /** Ends the span once, with the status the call closed with (or CANCELLED). */
  private static final class TracedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    TracedCall(ServerCall<Q, R> call, Span span) {
      super(call);
      this.span = span;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      end(status);
      super.close(status, trailers);
    }

    void end(Status status) {
      if (ended.compareAndSet(false, true)) {
        RpcSpans.endServer(span, status);
      }
    }
  }

  /** Runs every callback with the call's trace context current. */
  private static final class TracedListener<Q> extends SimpleForwardingServerCallListener<Q> {
    private final Context context;
    private final TracedCall<Q, ?> call;

    TracedListener(ServerCall.Listener<Q> delegate, Context context, TracedCall<Q, ?> call) {
      super(delegate);
      this.context = context;
      this.call = call;
    }

    @Override
    public void onMessage(Q message) {
      try (Scope ignored = context.makeCurrent()) {
        super.onMessage(message);
      }
    }

    @Override
    public void onHalfClose() {
      try (Scope ignored = context.makeCurrent()) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      call.end(Status.CANCELLED);
      try (Scope ignored = context.makeCurrent()) {
        super.onCancel();
      }
    }

    @Override
    public void onComplete() {
      try (Scope ignored = context.makeCurrent()) {
        super.onComplete();
      }
    }

    @Override
    public void onReady() {
      try (Scope ignored = context.makeCurrent()) {
        super.onReady();
      }
    }
  }
}
