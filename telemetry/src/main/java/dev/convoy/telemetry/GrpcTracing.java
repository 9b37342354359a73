package dev.convoy.telemetry;

import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;

/**
 * gRPC tracing: a SERVER span per call received and a CLIENT span per call made, named
 * {@code package.Service/Method} with OpenTelemetry's RPC attributes ({@code rpc.system},
 * {@code rpc.service}, {@code rpc.method}, {@code rpc.grpc.status_code}, the peer), the W3C
 * {@code traceparent} (and baggage) carried in the call's metadata, so a router's client span
 * and the server's span land in one trace.
 *
 * <p>The interceptors are Convoy's own rather than OpenTelemetry's gRPC instrumentation: that
 * library does its per-call work (attribute extraction, operation listeners, a bridge between
 * gRPC's and OpenTelemetry's context on every context switch) for every call, sampled or not,
 * and a profile of the server at 10% sampling put a tenth of its CPU there. Here a call the
 * sampler drops costs the extraction, the sampling decision and the context wrapping of its
 * listener, and attributes are written only on spans that record. No per-message events, no
 * {@code rpc.*} metrics: the services measure their calls themselves. With no tracer (tracing
 * off) nothing is intercepted at all. Build one per service and reuse it.
 */
public final class GrpcTracing {
  private static final String SCOPE = "dev.convoy.grpc";

  private final ServerInterceptor serverInterceptor;
  private final ClientInterceptor clientInterceptor;
  private final boolean off;

  private GrpcTracing(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    Tracer tracer = openTelemetry.getTracer(SCOPE);
    TextMapPropagator propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.serverInterceptor = new ServerTracingInterceptor(tracer, propagator);
    this.clientInterceptor = new ClientTracingInterceptor(tracer, propagator);
    this.off = openTelemetry.getTracerProvider() == TracerProvider.noop();
  }

  public static GrpcTracing create(OpenTelemetry openTelemetry) {
    return new GrpcTracing(openTelemetry);
  }

  /** Traces the calls a server receives; extracts the caller's trace context from metadata. */
  public ServerInterceptor serverInterceptor() {
    return serverInterceptor;
  }

  /**
   * Traces the calls a channel makes; injects the trace context into metadata. The CLIENT span
   * is current while the next interceptors create the call.
   */
  public ClientInterceptor clientInterceptor() {
    return clientInterceptor;
  }

  /** {@code service} with its calls traced; the service itself when there is no tracer. */
  public ServerServiceDefinition traced(BindableService service) {
    return off ? service.bindService() : ServerInterceptors.intercept(service, serverInterceptor);
  }

  /** {@code channel} with its calls traced; the channel itself when there is no tracer. */
  public Channel traced(Channel channel) {
    return off ? channel : ClientInterceptors.intercept(channel, clientInterceptor);
  }
}
