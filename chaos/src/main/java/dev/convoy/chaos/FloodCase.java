package dev.convoy.chaos;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client floods with 1-5 ms deadlines while well-behaved ones call: first straight at the
 * server, then all through the router. There is a well-behaved client per I/O thread the
 * router has (its default: one per core, at least two), each on its own connection, so one of
 * them is read by the thread that reads the flood. The worst p99 of them through the router
 * should stay within twice the worst p99 direct.
 */
final class FloodCase {
  private static final int FLOOD_IN_FLIGHT = 64;

  private FloodCase() {}

  static CaseResult run(Path root, Path repository, long millis) throws InterruptedException {
    try (Launched server = Launched.server(root, repository, "512m");
        Launched router = Launched.router(root, server.port())) {
      List<WellBehaved> direct = measure(server.port(), millis);
      List<WellBehaved> routed = measure(router.port(), millis);
      double ratio = (double) worstP99(routed) / Math.max(1, worstP99(direct));
      String figures = String.format("  well-behaved clients under the flood, a connection each:%n%s%s"
          + "  worst p99 ratio, router / direct: %.2f%s%n", describe("direct", direct), describe("via router", routed),
          ratio, lastFailure(routed));
      return new CaseResult("short-deadline flood", figures,
          "every client's p99 through the router within 2x of the worst direct, no failed call",
          ratio <= 2.0 && failures(routed) == 0 && failures(direct) == 0, true);
    }
  }

  /** As many clients as the router has I/O threads: connections are spread over them in turn. */
  private static int clients() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  private static long worstP99(List<WellBehaved> clients) {
    return clients.stream().mapToLong(c -> c.histogram().getValueAtPercentile(99)).max().orElse(0);
  }

  private static long failures(List<WellBehaved> clients) {
    return clients.stream().mapToLong(WellBehaved::failures).sum();
  }

  private static String describe(String path, List<WellBehaved> clients) {
    StringBuilder out = new StringBuilder();
    for (WellBehaved client : clients) {
      out.append("    ").append(path).append(": ").append(client.describe()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String lastFailure(List<WellBehaved> clients) {
    return clients.stream().map(WellBehaved::lastFailure).filter(Objects::nonNull).findFirst()
        .map(failure -> "; last failure via router: " + failure).orElse("");
  }

  /**
   * The well-behaved clients' latencies to {@code port} over {@code millis} of flood, after a
   * third as long of flood unrecorded: both paths are measured warm (JIT, connections, pools).
   */
  private static List<WellBehaved> measure(int port, long millis) throws InterruptedException {
    // The flood has an I/O thread of its own here, as an attacker elsewhere would: sharing one
    // with a well-behaved client would measure this process's own event loop, not the target.
    EventLoopGroup floodLoop = new NioEventLoopGroup(1);
    ManagedChannel floodChannel = Channels.to(port, floodLoop);
    Channels.awaitModel(floodChannel, "digits_mlp");
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < clients(); i++) {
      ManagedChannel channel = Channels.to(port);
      Channels.awaitModel(channel, "digits_mlp"); // connected in turn, after the flood's
      channels.add(channel);
    }
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flood = new Thread(() -> flood(floodChannel, flooding), "short-deadline-flood");
    flood.start();
    try {
      callFor(channels, millis / 3);
      return callFor(channels, millis);
    } finally {
      flooding.set(false);
      flood.join();
      Channels.close(floodChannel);
      floodLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      for (ManagedChannel channel : channels) {
        Channels.close(channel);
      }
    }
  }

  private static List<WellBehaved> callFor(List<ManagedChannel> channels, long millis) throws InterruptedException {
    List<WellBehaved> clients = channels.stream().map(channel -> new WellBehaved(channel, 1, 20_000)).toList();
    try {
      Thread.sleep(millis);
    } finally {
      for (WellBehaved client : clients) {
        client.close();
      }
    }
    return clients;
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
