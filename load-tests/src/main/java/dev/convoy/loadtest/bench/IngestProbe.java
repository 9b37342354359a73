package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.input.RowsCsv;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.Sample;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many samples a second a monitor stores and analyses: one Ingest stream from the bench
 * to a monitor in its own process, batches of {@link #BATCH} digits samples (64 features, 10
 * scores), {@link #WINDOW} batches in flight, every sample committed to the monitor's database
 * before its ack. The row's rate is samples acknowledged as stored per second.
 */
record IngestProbe(Target.Monitor monitor) implements Probe {

  static final int BATCH = 256;
  static final int WINDOW = 4;
  private static final int CLASSES = 10;
  private static final Duration FINISH = Duration.ofSeconds(60);

  @Override
  public Measurement measure(BenchContext context) throws Exception {
    context.targets().runOnly(List.of(monitor));
    Channel channel = context.targets().get(monitor).channels().get(0);
    List<Sample> rows = samples(context.rows());
    AtomicLong next = new AtomicLong();
    Duration warmUp = context.settings().warmup().plus(context.settings().jvmWarmup());
    if (!warmUp.isZero()) {
      stream(channel, rows, next, warmUp);
    }
    return stream(channel, rows, next, context.settings().duration());
  }

  /** Streams for {@code duration}, then waits for the outstanding acks. */
  private static Measurement stream(Channel channel, List<Sample> rows, AtomicLong next,
      Duration duration) throws Exception {
    Semaphore window = new Semaphore(WINDOW);
    AtomicLong stored = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<ClientCallStreamObserver<IngestRequest>> call = new ArrayList<>(1);
    MonitorIngestGrpc.newStub(channel).ingest(new ClientResponseObserver<IngestRequest, IngestAck>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<IngestRequest> requests) {
        call.add(requests);
      }

      @Override
      public void onNext(IngestAck ack) {
        stored.addAndGet(ack.getAccepted());
        refused.addAndGet(ack.getRejected() + ack.getDuplicates());
        window.release();
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
        window.release(WINDOW);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    ClientCallStreamObserver<IngestRequest> requests = call.get(0);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long sequence = 1; System.nanoTime() < end && !done.isDone(); sequence++) {
      window.acquire();
      requests.onNext(batch(sequence, rows, next));
    }
    requests.onCompleted();
    done.get(FINISH.toSeconds(), TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return Measurement.countsOnly(stored.get(), refused.get(), seconds,
        refused.get() == 0 ? "" : refused.get() + " samples rejected or duplicate");
  }

  private static IngestRequest batch(long sequence, List<Sample> rows, AtomicLong next) {
    IngestRequest.Builder batch = IngestRequest.newBuilder().setSequence(sequence);
    for (int i = 0; i < BATCH; i++) {
      long n = next.getAndIncrement();
      batch.addSamples(rows.get((int) (n % rows.size())).toBuilder().setRequestId("ingest-" + n));
    }
    return batch.build();
  }

  /** The rows file's rows as digits_mlp samples, each predicting class {@code row % 10}. */
  private static List<Sample> samples(RowsCsv rows) {
    List<Sample> samples = new ArrayList<>();
    for (RowsCsv.Row row : rows.rows()) {
      Sample.Builder sample = Sample.newBuilder().setModelName(MonitorGroup.MODEL)
          .setModelVersion(MonitorGroup.VERSION);
      row.values().forEach(v -> sample.addFeatures(Float.parseFloat(v)));
      for (int k = 0; k < CLASSES; k++) {
        sample.addScores(k == samples.size() % CLASSES ? 0.91f : 0.01f);
      }
      samples.add(sample.build());
    }
    return samples;
  }
}
