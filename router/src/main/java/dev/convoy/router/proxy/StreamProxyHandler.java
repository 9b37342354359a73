package dev.convoy.router.proxy;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/** ModelStreamInfer: each stream is proxied to one backend, see {@link StreamProxyCall}. */
final class StreamProxyHandler implements ServerCallHandler<byte[], byte[]> {
  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> method;

  StreamProxyHandler(Routing routing, MethodDescriptor<byte[], byte[]> method) {
    this.routing = routing;
    this.method = method;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
    StreamProxyCall proxy = new StreamProxyCall(routing, method, call, headers, Context.current().getDeadline());
    proxy.start();
    return proxy;
  }
}
