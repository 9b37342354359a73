package dev.convoy.monitor.bench;

import dev.convoy.monitor.MonitorOptions;
import dev.convoy.monitor.MonitorServer;
import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.engine.Digits;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.Sample;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many digits samples per second one monitor stores and analyses: one Ingest stream over
 * loopback, batches of 256, four in flight, windows of 500 against the digits reference, every
 * sample committed to H2 before its ack. Prints samples/s acknowledged. Argument: samples
 * (default 50,000).
 */
public final class IngestBench {
  private static final int BATCH = 256;
  private static final int WINDOW = 4;

  private IngestBench() {
  }

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    Path dir = Files.createTempDirectory("convoy-monitor-bench");
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(500), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    MonitorOptions options = new MonitorOptions("127.0.0.1", 0, -1, dir.resolve("db"), engine,
        Map.of(Digits.MODEL + "/" + Digits.VERSION, Digits.data("digits_reference.csv")), Optional.empty(),
        Duration.ofSeconds(1));
    List<ReferenceRow> rows = Digits.rows("digits_test.csv");
    List<List<Sample>> batches = new ArrayList<>();
    for (int b = 0; b * BATCH < total; b++) {
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < BATCH && b * BATCH + i < total; i++) {
        ReferenceRow row = rows.get((b * BATCH + i) % rows.size());
        Sample.Builder s = Digits.sample(row, "bench-" + (b * BATCH + i)).toBuilder();
        for (int k = 0; k < 10; k++) {
          s.addScores(k == row.label() ? 0.91f : 0.01f);
        }
        batch.add(s.build());
      }
      batches.add(batch);
    }
    try (MonitorServer monitor = MonitorServer.start(options, OpenTelemetry.noop(),
        () -> System.currentTimeMillis() * 1_000_000)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", monitor.port()).usePlaintext().build();
      long start = System.nanoTime();
      long acked = stream(channel, batches);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("monitor ingest: %d samples acknowledged in %.2f s = %.0f samples/s (batch %d, %d in flight,"
          + " windows of 500, 64 features, 10 scores)%n", acked, seconds, acked / seconds, BATCH, WINDOW);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static long stream(ManagedChannel channel, List<List<Sample>> batches) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong acked = new AtomicLong();
    AtomicLong inFlight = new AtomicLong();
    Object lock = new Object();
    int[] next = {0};
    ClientCallStreamObserver<?>[] holder = new ClientCallStreamObserver<?>[1];
    Runnable pump = () -> {
      synchronized (lock) {
        @SuppressWarnings("unchecked")
        ClientCallStreamObserver<IngestRequest> requests = (ClientCallStreamObserver<IngestRequest>) holder[0];
        while (requests.isReady() && inFlight.get() < WINDOW && next[0] < batches.size()) {
          inFlight.incrementAndGet();
          requests.onNext(IngestRequest.newBuilder().setSequence(next[0] + 1).addAllSamples(batches.get(next[0])).build());
          next[0]++;
        }
        if (next[0] == batches.size() && inFlight.get() == 0) {
          requests.onCompleted();
          next[0]++;
        }
      }
    };
    MonitorIngestGrpc.newStub(channel).ingest(new ClientResponseObserver<IngestRequest, IngestAck>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<IngestRequest> requests) {
        holder[0] = requests;
        requests.setOnReadyHandler(pump);
      }

      @Override
      public void onNext(IngestAck ack) {
        acked.addAndGet(ack.getAccepted());
        inFlight.decrementAndGet();
        pump.run();
      }

      @Override
      public void onError(Throwable t) {
        t.printStackTrace();
        done.countDown();
      }

      @Override
      public void onCompleted() {
        done.countDown();
      }
    });
    done.await(10, TimeUnit.MINUTES);
    return acked.get();
  }
}
