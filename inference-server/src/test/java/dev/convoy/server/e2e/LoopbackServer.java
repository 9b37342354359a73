package dev.convoy.server.e2e;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.SampleModels;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.repository.ModelControl;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** A real server on an ephemeral loopback port and a channel to it. */
final class LoopbackServer implements AutoCloseable {
  final InferenceServer server;
  final ManagedChannel channel;

  LoopbackServer(Path repository) {
    this(repository, SampleModels.backends());
  }

  LoopbackServer(Path repository, ModelBackend backend) {
    this(ServerOptions.loopback(repository), backend);
  }

  /** A server that takes RepositoryModelLoad/Unload, all models loaded at start-up. */
  static LoopbackServer withModelControl(Path repository) {
    return new LoopbackServer(ServerOptions.loopback(repository).withModelControl(ModelControl.explicit(ModelControl.ALL)),
        SampleModels.backends());
  }

  LoopbackServer(ServerOptions options, ModelBackend backend) {
    server = InferenceServer.start(options, backend, Clock.systemUTC());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }
}
