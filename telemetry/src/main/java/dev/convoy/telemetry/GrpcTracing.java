package dev.convoy.telemetry;

import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import java.util.Objects;

/**
 * gRPC tracing with OpenTelemetry's gRPC instrumentation: a SERVER span per call received and a
 * CLIENT span per call made, named {@code package.Service/Method}, with the W3C
 * {@code traceparent} (and baggage) carried in the call's metadata, so a router's client span
 * and the server's span land in one trace. Per-message events are off (they cost more than they
 * tell for unary inference calls), and so are the instrumentation's own {@code rpc.*} metrics:
 * the services measure their calls themselves, with labels their users read, and the
 * instrumentation's per-call attribute work was a measurable share of a small request's cost.
 * With no tracer (tracing off) nothing is intercepted at all. Build one per service and reuse it.
 */
public final class GrpcTracing {
  private final ServerInterceptor serverInterceptor;
  private final ClientInterceptor clientInterceptor;
  private final boolean off;

  private GrpcTracing(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    GrpcTelemetry grpc = GrpcTelemetry.builder(new SpansOnly(openTelemetry)).setEmitMessageEvents(false).build();
    this.serverInterceptor = grpc.createServerInterceptor();
    this.clientInterceptor = grpc.createClientInterceptor();
    this.off = openTelemetry.getTracerProvider() == TracerProvider.noop();
  }

  public static GrpcTracing create(OpenTelemetry openTelemetry) {
    return new GrpcTracing(openTelemetry);
  }

  /** Traces the calls a server receives; extracts the caller's trace context from metadata. */
  public ServerInterceptor serverInterceptor() {
    return serverInterceptor;
  }

  /** Traces the calls a channel makes; injects the current trace context into metadata. */
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

  /** The service's tracer and propagators, without a meter. */
  private record SpansOnly(OpenTelemetry delegate) implements OpenTelemetry {
    @Override
    public TracerProvider getTracerProvider() {
      return delegate.getTracerProvider();
    }

    @Override
    public MeterProvider getMeterProvider() {
      return MeterProvider.noop();
    }

    @Override
    public ContextPropagators getPropagators() {
      return delegate.getPropagators();
    }
  }
}
