package dev.convoy.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.store.MonitorStore;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.proto.monitor.v1.WindowReport;
import dev.convoy.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals on the sample digits: no false alarm on held-out traffic, shifted digits caught. */
class DigitsDriftTest {
  private static final int WINDOW = 100;

  @TempDir
  Path dir;
  private final FakeClock clock = new FakeClock();
  private final RecordingSink sink = new RecordingSink();
  private MonitorStore store;
  private MonitorEngine engine;
  private final Random random = new Random(11);
  private int requests;

  @BeforeEach
  void start() {
    store = MonitorStore.open(dir.resolve("monitor"));
    EngineSettings settings = new EngineSettings(new WindowPolicy.ByCount(WINDOW), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    engine = new MonitorEngine(settings, store, clock, () -> clock.millis() * 1_000_000, List.of(sink));
    run(engine.start());
    run(engine.upload(Digits.reference()));
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void ingest_twentyHeldOutWindows_raisesNoAlert() {
    List<ReferenceRow> heldOut = Digits.rows("digits_test.csv");
    for (int w = 0; w < 20; w++) {
      send(heldOut, WINDOW);
    }
    List<WindowReport> reports = store.reports(Digits.MODEL, Digits.VERSION, 0, 0, 100);
    assertThat(reports).hasSize(20).allSatisfy(r -> assertThat(r.getDatasetDrift()).isFalse());
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void ingest_shiftedDigitsAfterHeldOut_firesWithinTwoWindows() {
    List<ReferenceRow> heldOut = Digits.rows("digits_test.csv");
    List<ReferenceRow> shifted = Digits.rows("digits_shifted.csv");
    for (int w = 0; w < 3; w++) {
      send(heldOut, WINDOW);
    }
    send(shifted, WINDOW);
    WindowReport first = store.reports(Digits.MODEL, Digits.VERSION, 0, 0, 1).get(0);
    assertThat(first.getWindowIndex()).isEqualTo(3);
    assertThat(first.getDatasetDrift()).isTrue();
    assertThat(sink.alerts).extracting(Alert::getState).containsExactly(Alert.State.PENDING);
    send(shifted, WINDOW);
    send(shifted, WINDOW);
    Alert firing = sink.alerts.get(1);
    assertThat(sink.alerts).extracting(Alert::getState).containsExactly(Alert.State.PENDING, Alert.State.FIRING);
    assertThat(firing.getRule()).isEqualTo("dataset-drift");
    assertThat(firing.getValue()).isGreaterThanOrEqualTo(0.5);
    assertThat(firing.getTopFeaturesList()).hasSize(5);
    assertThat(firing.getWindowEndUnixNanos()).isGreaterThanOrEqualTo(firing.getWindowStartUnixNanos());
    send(heldOut, WINDOW);
    assertThat(sink.alerts).extracting(Alert::getState)
        .containsExactly(Alert.State.PENDING, Alert.State.FIRING, Alert.State.RESOLVED);
    assertThat(sink.alerts).extracting(Alert::getAlertId).containsOnly(firing.getAlertId());
  }

  private void send(List<ReferenceRow> rows, int count) {
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(Digits.sample(rows.get(random.nextInt(rows.size())), "r" + requests++));
    }
    clock.advance(Duration.ofMillis(10));
    IngestResult result = run(engine.ingest(batch));
    assertThat(result.accepted()).isEqualTo(count);
  }

  private <T> T run(CompletableFuture<T> future) {
    clock.runPending();
    assertThat(future).isDone();
    return future.join();
  }
}
