package dev.convoy.router.proxy;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/** ModelStreamInfer: each message of a stream is routed on its own, see {@link StreamProxyCall}. */
final class StreamProxyHandler implements ServerCallHandler<byte[], byte[]> {
  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> method;
  private final MethodDescriptor<byte[], byte[]> unary = GRPCInferenceServiceGrpc.getModelInferMethod()
      .toBuilder(ByteMarshaller.INSTANCE, ByteMarshaller.INSTANCE).build();

  StreamProxyHandler(Routing routing, MethodDescriptor<byte[], byte[]> method) {
    this.routing = routing;
    this.method = method;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
    StreamProxyCall proxy = new StreamProxyCall(routing, unary, method.getBareMethodName(), call, headers,
        Context.current().getDeadline());
    proxy.start();
    return proxy;
  }
}
