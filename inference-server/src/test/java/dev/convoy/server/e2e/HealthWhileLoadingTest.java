package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.server.InferenceServer;
import dev.convoy.server.InterceptedOnnxBackend;
import dev.convoy.server.SampleModels;
import dev.convoy.server.ServerOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that listens while its models load says so on its health service: not serving yet. */
class HealthWhileLoadingTest {
  @TempDir Path repository;

  @Test
  void health_whileModelsLoad_notServingThenServing() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    CountDownLatch warmupMayRun = new CountDownLatch(1);
    InterceptedOnnxBackend backend = new InterceptedOnnxBackend(inputs -> awaitQuietly(warmupMayRun));
    int port = freePort();
    CompletableFuture<InferenceServer> starting = CompletableFuture.supplyAsync(() ->
        InferenceServer.start(ServerOptions.loopback(repository).withPort(port), backend, Clock.systemUTC()));
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      assertThat(overallHealth(channel)).isEqualTo(ServingStatus.NOT_SERVING); // held in the model's warm-up

      warmupMayRun.countDown();
      try (InferenceServer server = starting.get(60, TimeUnit.SECONDS)) {
        assertThat(overallHealth(channel)).isEqualTo(ServingStatus.SERVING);
      }
    } finally {
      warmupMayRun.countDown();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The overall status, waiting (up to 30 s) for the port to be bound. */
  private static ServingStatus overallHealth(ManagedChannel channel) {
    var health = HealthGrpc.newBlockingStub(channel);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return health.withWaitForReady().withDeadlineAfter(1, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance()).getStatus();
      } catch (StatusRuntimeException e) {
        assertThat(System.nanoTime()).as("health reachable: " + e.getStatus()).isLessThan(deadline);
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
