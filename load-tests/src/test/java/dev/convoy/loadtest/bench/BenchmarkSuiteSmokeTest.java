package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring, end to end: an in-process row and a served row (the real server on a loopback
 * port) on the sample model, a fraction of a second each. Nothing here is about speed.
 */
class BenchmarkSuiteSmokeTest {

  private static final Path MODELS = Path.of(System.getProperty("convoy.models.dir", "../models"));

  @Test
  void run_inProcessAndServedRows_bothMeasuredAndCompared() throws Exception {
    BenchSettings settings = new BenchSettings(Duration.ofMillis(300), Duration.ZERO,
        Duration.ZERO, MODELS, MODELS.resolve("data/digits_test.csv"), 32, 1000,
        List.of(8, 16, 32), 1, 1);
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), settings,
        List.of("inproc-mlp-b1", "served-mlp-c1"));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BenchReport report = BenchmarkSuite.run(settings, selection, "convoy-bench smoke",
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(report.rows()).extracting(RowResult::id)
        .containsExactly("inproc-mlp-b1", "served-mlp-c1");
    for (RowResult row : report.rows()) {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().requests()).as(row.id()).isPositive();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    }
    assertThat(report.rows().get(1).measurement().batch().executionsByBatchSize())
        .containsOnlyKeys(1L);
    assertThat(report.comparisons()).singleElement()
        .satisfies(o -> assertThat(o.present()).isTrue());
    assertThat(BenchReportFormats.text(report))
        .contains("served c=1 / in-process, same batch (1)", "ONNX Runtime: ");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[2/2] served-mlp-c1");
  }

  @Test
  void run_routerPairAtC1_bothRowsMeasuredThroughTheirOwnPathAndCompared() throws Exception {
    BenchSettings settings = new BenchSettings(Duration.ofMillis(300), Duration.ZERO,
        Duration.ZERO, MODELS, MODELS.resolve("data/digits_test.csv"), 32, 1000,
        List.of(8, 16, 32), 1, 1);
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), settings,
        List.of("router-mlp-*-c1"));

    BenchReport report = BenchmarkSuite.run(settings, selection, "convoy-bench smoke",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(report.rows()).extracting(RowResult::id)
        .containsExactly("router-mlp-direct-c1", "router-mlp-routed-c1");
    for (RowResult row : report.rows()) {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().requests()).as(row.id()).isPositive();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
      // Each row's own calls, not its twin's: the server executed as many as the row made.
      assertThat(row.measurement().batch().executions()).as(row.id())
          .isEqualTo(row.measurement().requests());
    }
    assertThat(report.comparisons()).hasSize(3).allMatch(Comparison.Outcome::present);
    assertThat(BenchReportFormats.text(report))
        .contains("router / direct, c=1", "router p50 - direct p50, c=1", "router: convoy-router");
  }

  @Test
  void run_tracingPairAtC8_tracedRowExportsSpansAndIsCompared() throws Exception {
    BenchSettings settings = new BenchSettings(Duration.ofMillis(300), Duration.ZERO,
        Duration.ZERO, MODELS, MODELS.resolve("data/digits_test.csv"), 32, 1000,
        List.of(8, 16, 32), 1, 1);
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), settings,
        List.of("tracing-*-c8"));

    BenchReport report = BenchmarkSuite.run(settings, selection, "convoy-bench smoke",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    // The traced row is reported as not run if no span reached the loopback receiver.
    assertThat(report.rows()).extracting(RowResult::id).containsExactly("tracing-off-c8", "tracing-on-c8");
    assertThat(report.rows()).allSatisfy(row -> {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    });
    assertThat(report.comparisons()).hasSize(2).allMatch(Comparison.Outcome::present);
  }

  @Test
  void run_serverCannotLoadModel_rowsNotRunWithServersReason(@TempDir Path temp)
      throws Exception {
    Path broken = Files.createDirectories(temp.resolve("digits_mlp/1"));
    Files.copy(MODELS.resolve("digits_mlp/config.pbtxt"), broken.resolveSibling("config.pbtxt"));
    Files.writeString(broken.resolve("model.onnx"), "not an onnx model");
    BenchSettings settings = new BenchSettings(Duration.ofMillis(100), Duration.ZERO,
        Duration.ZERO, temp, MODELS.resolve("data/digits_test.csv"), 32, 1000,
        List.of(8, 16, 32), 1, 1);
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), settings,
        List.of("served-mlp-c1", "served-mlp-c8"));

    BenchReport report = BenchmarkSuite.run(settings, selection, "convoy-bench smoke",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(report.rows()).allSatisfy(row -> assertThat(row.notRunReason())
        .startsWith("server did not load digits_mlp (config as shipped): "));
    assertThat(BenchReportFormats.text(report)).contains("not run: server did not load");
    assertThat(report.comparisons()).singleElement()
        .satisfies(o -> assertThat(o.missing()).isEqualTo("served-mlp-c8 did not run"));
  }
}
