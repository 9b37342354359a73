package dev.convoy.router.backend;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends each probe with a W3C {@code traceparent} whose sampled flag is off: a server's
 * parent-based sampler then records nothing for it, where a call without trace context would
 * start a new trace at every server at every probe.
 */
final class UnsampledProbes implements ClientInterceptor {
  static final UnsampledProbes INSTANCE = new UnsampledProbes();
  private static final TextMapSetter<Metadata> METADATA = (metadata, key, value) ->
      metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

  private UnsampledProbes() {}

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(unsampled())), headers, METADATA);
        super.start(listener, headers);
      }
    };
  }

  private static SpanContext unsampled() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    long low = random.nextLong() | 1; // never the invalid all-zero id
    return SpanContext.create(TraceId.fromLongs(high, low), SpanId.fromLong(random.nextLong() | 1),
        TraceFlags.getDefault(), TraceState.getDefault());
  }
}
