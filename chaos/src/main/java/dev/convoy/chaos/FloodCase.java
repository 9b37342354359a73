package dev.convoy.chaos;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client floods with 1-5 ms deadlines while a well-behaved one calls: first straight at
 * the server, then both through the router. The well-behaved client's p99 through the router
 * should stay within twice its p99 direct.
 */
final class FloodCase {
  private static final int FLOOD_IN_FLIGHT = 64;

  private FloodCase() {}

  static CaseResult run(Path root, Path repository, long millis) throws InterruptedException {
    try (Launched server = Launched.server(root, repository, "512m");
        Launched router = Launched.router(root, server.port())) {
      WellBehaved direct = measure(server.port(), millis);
      WellBehaved routed = measure(router.port(), millis);
      double ratio = (double) routed.histogram().getValueAtPercentile(99)
          / Math.max(1, direct.histogram().getValueAtPercentile(99));
      String figures = String.format("  well-behaved client under the flood: direct %s; via router %s; p99 ratio %.2f%s%n",
          direct.describe(), routed.describe(), ratio, lastFailure(routed));
      return new CaseResult("short-deadline flood", figures,
          "p99 through the router within 2x of direct, no failed call", ratio <= 2.0 && routed.failures() == 0
          && direct.failures() == 0, true);
    }
  }

  private static String lastFailure(WellBehaved client) {
    return client.lastFailure() == null ? "" : "; last failure via router: " + client.lastFailure();
  }

  /**
   * The well-behaved client's latencies to {@code port} over {@code millis} of flood, after a
   * third as long of flood unrecorded: both paths are measured warm (JIT, connections, pools).
   */
  private static WellBehaved measure(int port, long millis) throws InterruptedException {
    ManagedChannel floodChannel = Channels.to(port);
    ManagedChannel channel = Channels.to(port);
    Channels.awaitModel(channel, "digits_mlp");
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flood = new Thread(() -> flood(floodChannel, flooding), "short-deadline-flood");
    flood.start();
    try {
      callFor(channel, millis / 3);
      return callFor(channel, millis);
    } finally {
      flooding.set(false);
      flood.join();
      Channels.close(floodChannel);
      Channels.close(channel);
    }
  }

  private static WellBehaved callFor(ManagedChannel channel, long millis) throws InterruptedException {
    WellBehaved client = new WellBehaved(channel, 1, 20_000);
    try {
      Thread.sleep(millis);
    } finally {
      client.close();
    }
    return client;
  }

  private static void flood(ManagedChannel channel, AtomicBoolean flooding) {
    Semaphore inFlight = new Semaphore(FLOOD_IN_FLIGHT);
    GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(channel);
    ModelInferRequest request = Requests.digits();
    StreamObserver<ModelInferResponse> release = new StreamObserver<>() {
      @Override
      public void onNext(ModelInferResponse value) { }

      @Override
      public void onError(Throwable t) {
        inFlight.release();
      }

      @Override
      public void onCompleted() {
        inFlight.release();
      }
    };
    while (flooding.get()) {
      inFlight.acquireUninterruptibly();
      stub.withDeadlineAfter(ThreadLocalRandom.current().nextInt(1, 6), TimeUnit.MILLISECONDS)
          .modelInfer(request, release);
    }
    inFlight.acquireUninterruptibly(FLOOD_IN_FLIGHT);
  }
}
