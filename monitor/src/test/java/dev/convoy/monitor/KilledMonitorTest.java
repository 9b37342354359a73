package dev.convoy.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.monitor.engine.Digits;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.store.MonitorStore;
import dev.convoy.monitor.store.SampleTable;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.Label;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.proto.monitor.v1.SubmitLabelsRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A monitor process killed with SIGKILL mid-stream keeps every sample and label it acknowledged. */
class KilledMonitorTest {
  private static final Pattern LISTENING = Pattern.compile("gRPC on 127\\.0\\.0\\.1:(\\d+)");
  private static final int BATCH = 50;

  @TempDir
  Path dir;

  @Test
  void kill_midStream_acknowledgedSamplesAndLabelsSurviveRestart() throws Exception {
    Path db = dir.resolve("db");
    Process monitor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.convoy.monitor.Main",
        "--host", "127.0.0.1", "--port", "0", "--http-port", "-1", "--metrics-port", "-1",
        "--db", db.toString(), "--window", "1000")
        .redirectErrorStream(true).start();
    Set<String> acknowledged = new HashSet<>();
    List<String> labelled = new ArrayList<>();
    try {
      int port = awaitPort(monitor);
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      List<ReferenceRow> rows = Digits.rows("digits_test.csv");
      List<List<Sample>> first = batches(rows, "a", 4);
      for (IngestAck ack : Ingest.send(channel, first)) {
        assertThat(ack.getAccepted()).isEqualTo(BATCH);
        first.get((int) ack.getSequence() - 1).forEach(s -> acknowledged.add(s.getRequestId()));
      }
      SubmitLabelsRequest.Builder labels = SubmitLabelsRequest.newBuilder();
      for (Sample s : first.get(0)) {
        labels.addLabels(Label.newBuilder().setRequestId(s.getRequestId()).setLabel(3));
        labelled.add(s.getRequestId());
      }
      assertThat(MonitorIngestGrpc.newBlockingStub(channel).submitLabels(labels.build()).getJoined()).isEqualTo(BATCH);
      streamThenKill(channel, batches(rows, "b", 40), monitor, acknowledged);
      channel.shutdownNow();
    } finally {
      monitor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (MonitorStore store = MonitorStore.open(db)) {
      Map<String, Integer> stored = store.samples().first(new ModelKey(Digits.MODEL, Digits.VERSION), 100_000).stream()
          .collect(Collectors.toMap(s -> s.sample().requestId(), SampleTable.LabelledSample::label));
      assertThat(acknowledged).hasSizeGreaterThan(4 * BATCH);
      assertThat(stored.keySet()).containsAll(acknowledged);
      assertThat(labelled).allSatisfy(id -> assertThat(stored.get(id)).isEqualTo(3));
    }
  }

  /** Streams batches, and kills the process once a few of them are acknowledged. */
  private static void streamThenKill(ManagedChannel channel, List<List<Sample>> batches, Process monitor,
      Set<String> acknowledged) throws InterruptedException {
    CountDownLatch some = new CountDownLatch(3);
    CountDownLatch ended = new CountDownLatch(1);
    StreamObserver<IngestRequest> requests = MonitorIngestGrpc.newStub(channel).ingest(new StreamObserver<>() {
      @Override
      public void onNext(IngestAck ack) {
        synchronized (acknowledged) {
          batches.get((int) ack.getSequence() - 1).forEach(s -> acknowledged.add(s.getRequestId()));
        }
        some.countDown();
      }

      @Override
      public void onError(Throwable t) {
        ended.countDown();
      }

      @Override
      public void onCompleted() {
        ended.countDown();
      }
    });
    for (int i = 0; i < batches.size(); i++) {
      requests.onNext(IngestRequest.newBuilder().setSequence(i + 1).addAllSamples(batches.get(i)).build());
    }
    assertThat(some.await(30, TimeUnit.SECONDS)).isTrue();
    monitor.destroyForcibly();
    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
  }

  private static List<List<Sample>> batches(List<ReferenceRow> rows, String prefix, int count) {
    List<List<Sample>> batches = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        batch.add(Digits.sample(rows.get((b * BATCH + i) % rows.size()), prefix + b + "-" + i));
      }
      batches.add(batch);
    }
    return batches;
  }

  private static int awaitPort(Process monitor) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "monitor-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the monitor exited before listening: " + monitor.waitFor());
  }
}
