package dev.convoy.router.proxy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import java.util.function.Function;

/**
 * A unary method routed by the model named in its request (ModelInfer, ModelReady,
 * ModelMetadata, ModelConfig): see {@link UnaryProxyCall}. A call is forwarded once its I/O
 * thread has handled the rest of what it read ({@link Routing#afterRead}), so one cancelled in
 * that read is not.
 */
final class UnaryProxyHandler extends BufferedUnaryHandler {
  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> method;
  private final Function<RouteKey, byte[]> noBackendAnswer;

  /**
   * @param noBackendAnswer the answer when no backend serves the model; null: UNAVAILABLE
   */
  UnaryProxyHandler(Routing routing, MethodDescriptor<byte[], byte[]> method,
      Function<RouteKey, byte[]> noBackendAnswer) {
    super(method.getBareMethodName());
    this.routing = routing;
    this.method = method;
    this.noBackendAnswer = noBackendAnswer;
  }

  @Override
  Runnable handle(ServerCall<byte[], byte[]> call, Metadata headers, byte[] request, Deadline deadline) {
    RouteKey key;
    try {
      key = RouteKey.parse(request);
    } catch (InvalidProtocolBufferException e) {
      return reject(call, RoutingErrors.unparsable(methodName()));
    }
    if (key.model().isEmpty()) {
      return reject(call, RoutingErrors.emptyModelName(methodName()));
    }
    UnaryProxyCall proxy = new UnaryProxyCall(routing, method, call, headers, request, key, deadline, noBackendAnswer);
    if (routing.started().isDone()) {
      routing.afterRead().execute(proxy::start);
    } else {
      routing.started().thenRun(proxy::start); // held while start-up waits for the backends
    }
    return proxy::cancel;
  }
}
