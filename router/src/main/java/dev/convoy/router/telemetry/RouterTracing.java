package dev.convoy.router.telemetry;

import dev.convoy.telemetry.GrpcTracing;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * The router's spans, from Convoy's gRPC tracing ({@link GrpcTracing}) with the
 * routing decisions added by {@link CallTrace}:
 *
 * <pre>
 * inference.GRPCInferenceService/ModelInfer  SERVER  the call received: convoy.model,
 *                                                    convoy.model.version, and the backend
 *                                                    (convoy.backend.address, .kind) and
 *                                                    convoy.attempt of the last attempt;
 *                                                    event convoy.retry (or convoy.retry.refused)
 *                                                    naming the first backend and its status
 *   inference.GRPCInferenceService/ModelInfer CLIENT one per attempt, same attributes, with
 *                                                    the attempt's own backend and number
 * </pre>
 *
 * Both carry {@code rpc.grpc.status_code}; a CLIENT span is marked as an error
 * for any status but OK, and a SERVER span only for UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED,
 * INTERNAL, UNAVAILABLE and DATA_LOSS. The CLIENT span's W3C {@code traceparent}
 * replaces the client's in the metadata sent on, so the inference server's spans join the
 * router's trace. Only the inference service and the calls that carry its requests are traced,
 * not health checks, reflection, the admin service or the router's probes.
 */
public final class RouterTracing {
  public static final String RETRY = "convoy.retry";
  public static final String RETRY_REFUSED = "convoy.retry.refused";

  private final GrpcTracing grpc;
  private final boolean off;

  private RouterTracing(OpenTelemetry openTelemetry) {
    this.grpc = GrpcTracing.create(openTelemetry);
    this.off = openTelemetry == OpenTelemetry.noop();
  }

  public static RouterTracing create(OpenTelemetry openTelemetry) {
    return new RouterTracing(openTelemetry);
  }

  /** The service with a SERVER span per call; the service itself when OpenTelemetry is a no-op. */
  public ServerServiceDefinition traced(ServerServiceDefinition service) {
    return off ? service : ServerInterceptors.intercept(service, grpc.serverInterceptor());
  }

  /**
   * A backend channel whose calls get a CLIENT span (with the attributes {@link CallTrace} put
   * in their options) and carry the trace context; the channel itself when OpenTelemetry is a
   * no-op.
   */
  public Channel traced(Channel backend) {
    // The last interceptor runs first: the tracing one starts the CLIENT span and makes it
    // current, then ClientSpanAttributes writes onto it.
    return off ? backend
        : ClientInterceptors.intercept(backend, ClientSpanAttributes.INSTANCE, grpc.clientInterceptor());
  }

  /** Writes a call's {@link CallTrace#CLIENT_ATTRIBUTES} onto the current (CLIENT) span. */
  private enum ClientSpanAttributes implements ClientInterceptor {
    INSTANCE;

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
        CallOptions options, Channel next) {
      Attributes attributes = options.getOption(CallTrace.CLIENT_ATTRIBUTES);
      if (attributes != null) {
        Span.current().setAllAttributes(attributes);
      }
      return next.newCall(method, options);
    }
  }
}
