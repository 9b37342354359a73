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
import dev.convoy.monitor.store.MonitorStore;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's sampler streaming into a real monitor over loopback, across a monitor restart. */
class SamplerToMonitorTest {
  private static final ModelKey KEY = new ModelKey(Digits.MODEL, Digits.VERSION);

  @TempDir
  Path dir;
  private ModelSpec spec;
  private ScheduledExecutorService executor;
  private ManagedChannel channel;
  private MonitorServer monitor;

  @BeforeEach
  void setUp() throws Exception {
    Path config = Path.of(System.getProperty("convoy.models.dir", "../models"), "digits_mlp", "config.pbtxt");
    spec = ModelConfigParser.parse(Digits.MODEL, Files.readString(config));
    executor = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (monitor != null) {
      monitor.close();
    }
    executor.shutdownNow();
  }

  @Test
  void sender_monitorRestarts_everySampleArrivesOnce() throws Exception {
    monitor = startMonitor(0);
    int port = monitor.port();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Sampler sampler = new Sampler(new SamplingPolicy(1.0), 10_000, () -> 0.0, System::nanoTime,
        OpenTelemetry.noop().getMeter("test"));
    MonitorSender sender = new MonitorSender(sampler, channel, executor, Duration.ofMillis(20),
        OpenTelemetry.noop().getMeter("test"));
    sender.start();
    List<ReferenceRow> rows = Digits.rows("digits_test.csv");
    for (int i = 0; i < 250; i++) {
      offer(sampler, rows.get(i), "a" + i);
    }
    awaitStored(250);

    monitor.close();
    monitor = null;
    for (int i = 0; i < 100; i++) {
      offer(sampler, rows.get(i), "b" + i);
    }
    monitor = startMonitor(port);
    awaitStored(350);
    var first = monitor.engine().store().samples().first(KEY, 1).get(0);
    assertThat(first.sample().requestId()).isEqualTo("a0");
    assertThat(first.sample().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(first.sample().features()).hasSize(64).containsExactly(rows.get(0).features());
    assertThat(first.sample().predicted()).isEqualTo(rows.get(0).label());
    sender.close();
  }

  @Test
  void sender_requestsOfManyRows_splitsThemWithinTheMonitorsLimit() {
    monitor = startMonitor(0);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", monitor.port()).usePlaintext().build();
    Sampler sampler = new Sampler(new SamplingPolicy(1.0), 10_000, () -> 0.0, System::nanoTime,
        OpenTelemetry.noop().getMeter("test"));
    List<ReferenceRow> rows = Digits.rows("digits_test.csv");
    // Queued before the sender starts, so one drain takes them all: 6,400 rows, more than the
    // monitor takes in one request.
    for (int i = 0; i < 200; i++) {
      offer(sampler, rows.get(i), "m" + i, 32);
    }
    MonitorSender sender = new MonitorSender(sampler, channel, executor, Duration.ofMillis(20),
        OpenTelemetry.noop().getMeter("test"));
    sender.start();
    awaitStored(6_400);
    sender.close();
  }

  @Test
  void offer_queueFull_dropsWithoutBlocking() {
    Sampler sampler = new Sampler(new SamplingPolicy(1.0), 10, () -> 0.0, System::nanoTime,
        OpenTelemetry.noop().getMeter("test"));
    List<ReferenceRow> rows = Digits.rows("digits_test.csv");
    for (int i = 0; i < 25; i++) {
      offer(sampler, rows.get(i), "c" + i);
    }
    assertThat(sampler.queued()).isEqualTo(10);
  }

  private void offer(Sampler sampler, ReferenceRow row, String id) {
    offer(sampler, row, id, 1);
  }

  /** A request of {@code copies} rows, each {@code row}. */
  private void offer(Sampler sampler, ReferenceRow row, String id, int copies) {
    ByteBuffer pixels = ByteBuffer.allocate(copies * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer probabilities = ByteBuffer.allocate(copies * 10 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int copy = 0; copy < copies; copy++) {
      for (float f : row.features()) {
        pixels.putFloat(f);
      }
      for (int k = 0; k < 10; k++) {
        probabilities.putFloat(k == row.label() ? 0.91f : 0.01f);
      }
    }
    ModelInferRequest request = ModelInferRequest.newBuilder().setModelName(Digits.MODEL).setId(id)
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
            .addShape(copies).addShape(64))
        .addRawInputContents(ByteString.copyFrom(pixels.flip())).build();
    ModelInferResponse response = ModelInferResponse.newBuilder().setModelName(Digits.MODEL).setModelVersion("1")
        .setId(id)
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("logits").setDatatype("FP32")
            .addShape(copies).addShape(10))
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("probabilities").setDatatype("FP32")
            .addShape(copies).addShape(10))
        .addRawOutputContents(ByteString.copyFrom(new byte[copies * 40]))
        .addRawOutputContents(ByteString.copyFrom(probabilities.flip())).build();
    sampler.offer(spec, 1, request, response, "0af7651916cd43dd8448eb211c80319c");
  }

  private void awaitStored(long count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    MonitorStore store = monitor.engine().store();
    while (store.samples().count(KEY) < count) {
      assertThat(System.nanoTime()).as("%d samples stored", count).isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(store.samples().count(KEY)).isEqualTo(count);
  }

  private MonitorServer startMonitor(int port) {
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(100), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    MonitorOptions options = new MonitorOptions("127.0.0.1", port, -1, dir.resolve("db"), engine,
        Map.of(Digits.MODEL + "/" + Digits.VERSION, Digits.data("digits_reference.csv")), Optional.empty(),
        Duration.ofSeconds(1));
    return MonitorServer.start(options, OpenTelemetry.noop(), () -> System.currentTimeMillis() * 1_000_000);
  }
}
