package dev.convoy.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.engine.Digits;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.FreezeReferenceRequest;
import dev.convoy.proto.monitor.v1.GetReferenceRequest;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.Label;
import dev.convoy.proto.monitor.v1.MonitorAdminGrpc;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.QueryReportsRequest;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.proto.monitor.v1.SubmitLabelsRequest;
import dev.convoy.proto.monitor.v1.SubmitLabelsResponse;
import dev.convoy.proto.monitor.v1.WatchAlertsRequest;
import dev.convoy.proto.monitor.v1.WindowReport;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor over real Netty on loopback: ingest, labels, references, reports, alerts, webhook. */
class MonitorServerTest {
  private static final int WINDOW = 100;

  @TempDir
  Path dir;
  private HttpServer webhook;
  private final BlockingQueue<String> posted = new LinkedBlockingQueue<>();
  private MonitorServer monitor;
  private ManagedChannel channel;
  private int requests;

  @BeforeEach
  void start() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhook.start();
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(WINDOW), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    MonitorOptions options = new MonitorOptions("127.0.0.1", 0, 0, dir.resolve("db"), engine,
        Map.of(Digits.MODEL + "/" + Digits.VERSION, Digits.data("digits_reference.csv")),
        Optional.of(URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook")), Duration.ofSeconds(1));
    monitor = MonitorServer.start(options, OpenTelemetry.noop(), () -> System.currentTimeMillis() * 1_000_000);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", monitor.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    monitor.close();
    webhook.stop(0);
  }

  @Test
  void ingest_shiftedDigits_alertOnStreamAndWebhookAndReports() throws Exception {
    BlockingQueue<Alert> watched = new LinkedBlockingQueue<>();
    MonitorAdminGrpc.newStub(channel).watchAlerts(WatchAlertsRequest.newBuilder().setModelName(Digits.MODEL).build(),
        collect(watched));
    awaitWatcher();
    List<ReferenceRow> shifted = Digits.rows("digits_shifted.csv");
    List<IngestAck> acks = Ingest.send(channel, List.of(batch(shifted, WINDOW), batch(shifted, WINDOW)));
    assertThat(acks).extracting(IngestAck::getSequence).containsExactly(1L, 2L);
    assertThat(acks).allSatisfy(a -> assertThat(a.getAccepted()).isEqualTo(WINDOW));

    assertThat(watched.poll(10, TimeUnit.SECONDS).getState()).isEqualTo(Alert.State.PENDING);
    Alert firing = watched.poll(10, TimeUnit.SECONDS);
    assertThat(firing.getState()).isEqualTo(Alert.State.FIRING);
    assertThat(firing.getModelName()).isEqualTo(Digits.MODEL);
    assertThat(firing.getMetric()).isEqualTo("dataset_drift_share");
    // Each transition is its own POST; the two may arrive in either order.
    Map<String, String> postedIds = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      var json = JsonParser.parseString(posted.poll(10, TimeUnit.SECONDS)).getAsJsonObject();
      postedIds.put(json.get("state").getAsString(), json.get("alertId").getAsString());
    }
    assertThat(postedIds).containsOnlyKeys("PENDING", "FIRING").containsEntry("FIRING", firing.getAlertId());

    List<WindowReport> reports = MonitorAdminGrpc.newBlockingStub(channel).queryReports(
        QueryReportsRequest.newBuilder().setModelName(Digits.MODEL).build()).getReportsList();
    assertThat(reports).hasSize(2).allSatisfy(r -> assertThat(r.getDatasetDrift()).isTrue());
  }

  @Test
  void ingest_resentBatch_countedAsDuplicates() throws Exception {
    List<Sample> batch = batch(Digits.rows("digits_test.csv"), 10);
    List<IngestAck> acks = Ingest.send(channel, List.of(batch));
    assertThat(acks.get(0).getAccepted()).isEqualTo(10);
    acks = Ingest.send(channel, List.of(batch));
    assertThat(acks.get(0).getAccepted()).isZero();
    assertThat(acks.get(0).getDuplicates()).isEqualTo(10);
  }

  @Test
  void ingest_badSample_rejectedWithReasonStreamGoesOn() throws Exception {
    Sample wrong = Sample.newBuilder().setModelName(Digits.MODEL).setModelVersion(Digits.VERSION)
        .setRequestId("short").addFeatures(1).build();
    List<Sample> batch = new ArrayList<>(batch(Digits.rows("digits_test.csv"), 3));
    batch.add(1, wrong);
    List<IngestAck> acks = Ingest.send(channel, List.of(batch, batch(Digits.rows("digits_test.csv"), 2)));
    assertThat(acks.get(0).getAccepted()).isEqualTo(3);
    assertThat(acks.get(0).getRejected()).isEqualTo(1);
    assertThat(acks.get(0).getRejectReasons(0)).startsWith("samples[1].features: 1 values");
    assertThat(acks.get(1).getAccepted()).isEqualTo(2);
  }

  @Test
  void submitLabels_joinedUnknownAndDuplicate_counted() throws Exception {
    List<Sample> batch = batch(Digits.rows("digits_test.csv"), 3);
    Ingest.send(channel, List.of(batch));
    var stub = MonitorIngestGrpc.newBlockingStub(channel);
    SubmitLabelsResponse response = stub.submitLabels(SubmitLabelsRequest.newBuilder()
        .addLabels(label(batch.get(0).getRequestId(), 1)).addLabels(label(batch.get(1).getRequestId(), 2))
        .addLabels(label("never-sent", 3)).build());
    assertThat(response.getJoined()).isEqualTo(2);
    assertThat(response.getUnknown()).isEqualTo(1);
    response = stub.submitLabels(SubmitLabelsRequest.newBuilder().addLabels(label(batch.get(0).getRequestId(), 1)).build());
    assertThat(response.getDuplicates()).isEqualTo(1);
  }

  @Test
  void labelsCommand_csvLabelColumn_joinsByRowId() throws Exception {
    List<ReferenceRow> rows = Digits.rows("digits_test.csv");
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batch.add(Digits.sample(rows.get(i), "held-" + i));
    }
    Ingest.send(channel, List.of(batch));
    int exit = new picocli.CommandLine(new dev.convoy.monitor.cli.SendLabels()).execute(
        "--monitor", "127.0.0.1:" + monitor.port(), "--csv", Digits.data("digits_test.csv").toString(),
        "--id-prefix", "held-");
    assertThat(exit).isZero();
    var stored = monitor.engine().store().samples().first(
        new dev.convoy.monitor.sample.ModelKey(Digits.MODEL, Digits.VERSION), 10);
    assertThat(stored).extracting(dev.convoy.monitor.store.SampleTable.LabelledSample::label).containsExactly(
        rows.get(0).label(), rows.get(1).label(), rows.get(2).label());
  }

  @Test
  void submitLabels_emptyRequestId_invalidArgumentNamingIt() {
    var stub = MonitorIngestGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> stub.submitLabels(SubmitLabelsRequest.newBuilder()
        .addLabels(label("a", 1)).addLabels(label("", 1)).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("labels[1].request_id");
        });
  }

  @Test
  void references_unknownAndTooFewSamples_notFoundAndFailedPrecondition() {
    var admin = MonitorAdminGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> admin.getReference(GetReferenceRequest.newBuilder().setModelName("nope")
        .setModelVersion("1").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> admin.freezeReference(FreezeReferenceRequest.newBuilder().setModelName("nope")
        .setModelVersion("1").setSampleCount(10).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).contains("0 stored");
        });
    var reference = admin.getReference(GetReferenceRequest.newBuilder().setModelName(Digits.MODEL)
        .setModelVersion(Digits.VERSION).build());
    assertThat(reference.getRows()).isEqualTo(500);
    assertThat(reference.getFeatureNamesList()).hasSize(64).startsWith("p0");
  }

  @Test
  void freezeReference_firstSamples_becomeTheReference() throws Exception {
    List<Sample> batch = new ArrayList<>();
    for (ReferenceRow row : Digits.rows("digits_test.csv").subList(0, 20)) {
      batch.add(Digits.sample(row, "fz" + requests++).toBuilder().setModelName("other").build());
    }
    Ingest.send(channel, List.of(batch));
    var summary = MonitorAdminGrpc.newBlockingStub(channel).freezeReference(FreezeReferenceRequest.newBuilder()
        .setModelName("other").setModelVersion(Digits.VERSION).setSampleCount(15).build());
    assertThat(summary.getRows()).isEqualTo(15);
    assertThat(summary.getSource()).isEqualTo("frozen");
  }

  private void awaitWatcher() {
    // The watch is subscribed on the server once its call arrives; wait for that (bounded).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (monitor.alertWatchers() == 0) {
      assertThat(System.nanoTime()).as("alert watcher subscribed").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static Label label(String id, int label) {
    return Label.newBuilder().setRequestId(id).setLabel(label).build();
  }

  private List<Sample> batch(List<ReferenceRow> rows, int count) {
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(Digits.sample(rows.get(i % rows.size()), "r" + requests++));
    }
    return batch;
  }

  private static <T> StreamObserver<T> collect(BlockingQueue<T> queue) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        queue.add(value);
      }

      @Override
      public void onError(Throwable t) {
      }

      @Override
      public void onCompleted() {
      }
    };
  }
}
