package dev.convoy.telemetry;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * A CLIENT span per call, child of the current context, current while the rest of the chain
 * creates the call; its context goes into the call's metadata, replacing any there, and the
 * span ends when the call closes.
 */
final class ClientTracingInterceptor implements ClientInterceptor {
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  ClientTracingInterceptor(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    Context parent = Context.current();
    Span span = tracer.spanBuilder(method.getFullMethodName()).setParent(parent).setSpanKind(SpanKind.CLIENT)
        .startSpan();
    if (span.isRecording()) {
      RpcSpans.describe(span, method);
      RpcSpans.server(span, next.authority());
    }
    Context context = parent.with(span);
    ClientCall<Q, R> call;
    try (Scope ignored = context.makeCurrent()) {
      call = next.newCall(method, options);
    }
    return new SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        propagator.inject(context, headers, MetadataCarrier.INSTANCE);
        try {
          super.start(new SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onClose(Status status, Metadata trailers) {
              RpcSpans.endClient(span, status);
              super.onClose(status, trailers);
            }
          }, headers);
        } catch (RuntimeException e) {
          RpcSpans.endClient(span, Status.fromThrowable(e));
          throw e;
        }
      }
    };
  }
}
