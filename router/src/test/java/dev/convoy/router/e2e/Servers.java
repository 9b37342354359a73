package dev.convoy.router.e2e;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.repository.ModelControl;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Real inference servers on loopback, each over its own copy of some sample models. */
final class Servers {
  private Servers() {}

  /** The committed sample model repository. */
  static Path sampleModels() {
    Path dir = Path.of(System.getProperty("convoy.models.dir", "../models"));
    if (!Files.isDirectory(dir.resolve("digits_mlp"))) {
      throw new IllegalStateException("sample models not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** Copies the named models' config and version 1 into {@code repository}. */
  static Path repository(Path repository, String... models) {
    try {
      for (String model : models) {
        Path from = sampleModels().resolve(model);
        Path to = repository.resolve(model);
        Files.createDirectories(to.resolve("1"));
        Files.copy(from.resolve("config.pbtxt"), to.resolve("config.pbtxt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(from.resolve("1/model.onnx"), to.resolve("1/model.onnx"), StandardCopyOption.REPLACE_EXISTING);
      }
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server over {@code repository} with a channel to it for checks that bypass the router. */
  static final class Loopback implements AutoCloseable {
    private final Path repository;
    private final ModelControl modelControl;
    private InferenceServer server;
    private ManagedChannel channel;
    private int port;

    /** A server with model control off, as servers run by default. */
    Loopback(Path repository) {
      this(repository, ModelControl.none());
    }

    Loopback(Path repository, ModelControl modelControl) {
      this.repository = repository;
      this.modelControl = modelControl;
      start(0);
    }

    private void start(int onPort) {
      server = InferenceServer.start(ServerOptions.loopback(repository).withPort(onPort).withModelControl(modelControl),
          new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC());
      port = server.port();
      channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    int port() {
      return port;
    }

    String address() {
      return "127.0.0.1:" + port;
    }

    InferenceServer server() {
      return server;
    }

    /** Requests this server answered successfully for {@code model}, all versions. */
    long served(String model) {
      return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build())
          .getModelStatsList().stream()
          .mapToLong(s -> s.getInferenceStats().getSuccess().getCount())
          .sum();
    }

    /** Whether this server has statistics for {@code model} at all (it is loaded here). */
    boolean hasModel(String model) {
      return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .modelStatistics(ModelStatisticsRequest.getDefaultInstance()).getModelStatsList().stream()
          .map(ModelStatistics::getName).anyMatch(model::equals);
    }

    /** Stops the server (gracefully: calls in flight finish) and its channel. */
    void stop() {
      channel.shutdownNow();
      server.close();
    }

    /** Starts the server again on the same port. */
    void restart() {
      start(port);
    }

    @Override
    public void close() {
      stop();
    }
  }
}
