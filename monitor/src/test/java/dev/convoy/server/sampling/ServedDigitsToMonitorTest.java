package dev.convoy.server.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.monitor.MonitorOptions;
import dev.convoy.monitor.MonitorServer;
import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.engine.Digits;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.monitor.v1.WindowReport;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample repository served by a real inference server that samples every answer into a
 * real monitor: held-out then shifted digits; the monitor sees the model's probabilities,
 * and labels give the accuracy of each window.
 */
class ServedDigitsToMonitorTest {
  private static final ModelKey KEY = new ModelKey(Digits.MODEL, Digits.VERSION);

  @TempDir
  Path dir;

  @Test
  void servedTraffic_heldOutThenShifted_driftAndAccuracyDropSeen() throws Exception {
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(200), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    MonitorOptions options = new MonitorOptions("127.0.0.1", 0, -1, dir.resolve("db"), engine,
        Map.of(Digits.MODEL + "/" + Digits.VERSION, Digits.data("digits_reference.csv")), Optional.empty(),
        Duration.ofSeconds(1));
    Path models = Path.of(System.getProperty("convoy.models.dir", "../models"));
    try (MonitorServer monitor = MonitorServer.start(options, OpenTelemetry.noop(),
            () -> System.currentTimeMillis() * 1_000_000);
        MonitorSampling sampling = MonitorSampling.start("127.0.0.1:" + monitor.port(), 1.0, OpenTelemetry.noop());
        InferenceServer server = InferenceServer.start(ServerOptions.loopback(models),
            new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(), OpenTelemetry.noop(), sampling.sampler())) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      List<ReferenceRow> heldOut = Digits.rows("digits_test.csv").subList(0, 400);
      List<ReferenceRow> shifted = Digits.rows("digits_shifted.csv").subList(0, 400);
      send(channel, heldOut, "held-");
      send(channel, shifted, "shifted-");
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      awaitStored(monitor, 800);
      var labels = dev.convoy.proto.monitor.v1.SubmitLabelsRequest.newBuilder();
      for (int i = 0; i < 400; i++) {
        labels.addLabels(label("held-" + i, heldOut.get(i).label()));
        labels.addLabels(label("shifted-" + i, shifted.get(i).label()));
      }
      ManagedChannel toMonitor = NettyChannelBuilder.forAddress("127.0.0.1", monitor.port()).usePlaintext().build();
      var joined = dev.convoy.proto.monitor.v1.MonitorIngestGrpc.newBlockingStub(toMonitor).submitLabels(labels.build());
      toMonitor.shutdownNow();
      assertThat(joined.getJoined()).isEqualTo(800);

      List<WindowReport> reports = monitor.engine().store().reports(Digits.MODEL, Digits.VERSION, 0, 0, 10);
      assertThat(reports).hasSize(4);
      assertThat(reports.subList(0, 2)).allSatisfy(r -> {
        assertThat(r.getDatasetDrift()).isFalse();
        assertThat(r.getQuality().getAccuracy()).isGreaterThan(0.9);
      });
      assertThat(reports.subList(2, 4)).allSatisfy(r -> {
        assertThat(r.getDatasetDrift()).isTrue();
        assertThat(r.getQuality().getAccuracy()).isLessThan(reports.get(0).getQuality().getAccuracy() - 0.1);
      });
      assertThat(reports.get(0).getPrediction().getClassCountsCount()).isZero();
    }
  }

  private static dev.convoy.proto.monitor.v1.Label label(String id, int label) {
    return dev.convoy.proto.monitor.v1.Label.newBuilder().setRequestId(id).setLabel(label).build();
  }

  private static void send(ManagedChannel channel, List<ReferenceRow> rows, String prefix) {
    var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    for (int i = 0; i < rows.size(); i++) {
      ByteBuffer raw = ByteBuffer.allocate(64 * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float f : rows.get(i).features()) {
        raw.putFloat(f);
      }
      stub.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(ModelInferRequest.newBuilder()
          .setModelName(Digits.MODEL).setId(prefix + i)
          .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
              .addShape(1).addShape(64))
          .addRawInputContents(ByteString.copyFrom(raw.flip())).build());
    }
  }

  private static void awaitStored(MonitorServer monitor, long count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (monitor.engine().store().samples().count(KEY) < count) {
      assertThat(System.nanoTime()).as("%d samples stored", count).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
