package dev.convoy.server.grpc;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Where each call's handler runs. Inference calls stay on the network thread that read them:
 * their handlers only validate, decode and queue (the model runs on its instances' threads),
 * so a hop to a pool would add a thread wake-up to every request and buy nothing. Every other
 * call (repository load and unload, metadata, health, reflection) may block or take long and
 * runs on the handler pool. Use with a server built with {@code directExecutor()}.
 */
public final class CallExecutors implements ServerCallExecutorSupplier {
  private static final Set<String> ON_NETWORK_THREAD = Set.of(
      GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName(),
      GRPCInferenceServiceGrpc.getModelStreamInferMethod().getFullMethodName());

  private final Executor handlers;

  /** @param handlers runs every call that is not an inference */
  public CallExecutors(Executor handlers) {
    this.handlers = handlers;
  }

  @Override
  public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
    return ON_NETWORK_THREAD.contains(call.getMethodDescriptor().getFullMethodName()) ? null : handlers;
  }
}
