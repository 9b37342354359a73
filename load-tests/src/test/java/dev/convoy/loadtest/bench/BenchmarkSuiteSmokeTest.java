package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
 * The wiring, end to end: rows on the sample model against the real server, router and
 * fixtures, each started as its own process on an ephemeral loopback port, a fraction of a
 * second each. Nothing here is about speed. The server and router rows need their jars
 * (a reactor build packages them before these tests run).
 */
class BenchmarkSuiteSmokeTest {

  static final Path MODELS = Path.of(System.getProperty("convoy.models.dir", "../models"));
  static final Launch LAUNCH = new Launch("256m",
      Path.of(System.getProperty("convoy.server.jar",
          "../inference-server/target/convoy-inference-server.jar")),
      Path.of(System.getProperty("convoy.router.jar", "../router/target/convoy-router.jar")),
      Path.of(System.getProperty("convoy.monitor.jar", "../monitor/target/convoy-monitor.jar")));

  static BenchSettings settings(Path repository, Duration duration) {
    return settings(repository, duration, Duration.ZERO);
  }

  static BenchSettings settings(Path repository, Duration duration, Duration warmup) {
    return new BenchSettings(duration, warmup, Duration.ZERO, repository,
        MODELS.resolve("data/digits_test.csv"), 32, 1000, List.of(8, 16, 32), 1, 1, LAUNCH,
        BenchSettings.DEFAULT_STREAM_HEAP_ROWS);
  }

  private static void assumeJars() {
    assumeThat(LAUNCH.serverJar()).as("build inference-server first").isRegularFile();
    assumeThat(LAUNCH.routerJar()).as("build router first").isRegularFile();
  }

  private static BenchReport run(BenchSettings settings, List<String> rows,
      ByteArrayOutputStream progress) throws Exception {
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), settings, rows);
    return BenchmarkSuite.run(settings, selection, "convoy-bench smoke",
        new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_convoyBesideTheFixturesAndInProcess_measuredInterleavedAndCompared() throws Exception {
    assumeJars();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BenchReport report = run(settings(MODELS, Duration.ofMillis(600)), List.of("inproc-mlp-b1",
        "served-mlp-c1", "handwritten-mlp-c1", "floor-mlp-c1"), progress);

    assertThat(report.rows()).extracting(RowResult::id).containsExactly(
        "inproc-mlp-b1", "served-mlp-c1", "handwritten-mlp-c1", "floor-mlp-c1");
    for (RowResult row : report.rows()) {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().requests()).as(row.id()).isPositive();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    }
    // The server's own statistics: every call it executed alone, as many as the row made.
    assertThat(report.rows().get(1).measurement().batch().executionsByBatchSize())
        .containsOnlyKeys(1L);
    assertThat(report.rows().get(1).measurement().batch().executions())
        .isEqualTo(report.rows().get(1).measurement().requests());
    assertThat(report.comparisons()).extracting(o -> o.comparison().label())
        .contains("Convoy unbatched / hand-written, c=1", "served c=1 / in-process, same batch (1)");
    assertThat(report.comparisons()).allMatch(Comparison.Outcome::present);
    // The goal is printed beside its ratio; which side of it a 0.6 s row falls on is timing.
    assertThat(BenchReportFormats.text(report)).containsPattern("(meets|below) goal >= 1\\.00x")
        .contains("every server, fixture and the router in its own JVM (-Xmx256m)");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[4/4] floor-mlp-c1");
  }

  @Test
  void run_routerPairAtC1_bothRowsMeasuredThroughTheirOwnPathAndCompared() throws Exception {
    assumeJars();

    BenchReport report = run(settings(MODELS, Duration.ofMillis(600)),
        List.of("router-mlp-*-c1"), new ByteArrayOutputStream());

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
  void run_tlsPair_bothServersAnswerAndTheRatioIsCompared() throws Exception {
    assumeJars();

    BenchReport report = run(settings(MODELS, Duration.ofMillis(600)), List.of("tls"),
        new ByteArrayOutputStream());

    assertThat(report.rows()).extracting(RowResult::id).containsExactly("tls-off-c64", "tls-on-c64");
    assertThat(report.rows()).allSatisfy(row -> {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().requests()).as(row.id()).isPositive();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    });
    assertThat(report.comparisons()).hasSize(2).allMatch(Comparison.Outcome::present);
    assertThat(BenchReportFormats.text(report)).contains("TLS / plaintext, c=64");
  }

  @Test
  void run_tracingAtC8_tracedRowExportsToItsReceiverProcessAndIsCompared() throws Exception {
    assumeJars();

    BenchReport report = run(settings(MODELS, Duration.ofMillis(600)),
        List.of("tracing-off-c8", "tracing-on-c8"), new ByteArrayOutputStream());

    // The traced row is reported as not run if no span reached the receiver.
    assertThat(report.rows()).extracting(RowResult::id)
        .containsExactly("tracing-off-c8", "tracing-on-c8");
    assertThat(report.rows()).allSatisfy(row -> {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    });
    assertThat(report.comparisons()).hasSize(2).allMatch(Comparison.Outcome::present);
  }

  @Test
  void run_h2loadAgainstTheFloor_countsAnswersBesideConvoyLoad() throws Exception {
    assumeThat(H2loadContender.installed()).as("h2load (nghttp2-client) installed").isPresent();

    // Slices long enough for h2load to finish calls on a cold fixture on a busy machine.
    BenchReport report = run(settings(MODELS, Duration.ofSeconds(3), Duration.ofMillis(500)),
        List.of("floor-mlp-c64", "h2load-floor-mlp-c64"), new ByteArrayOutputStream());

    assertThat(report.rows()).allSatisfy(row -> {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().requests()).as(row.id()).isPositive();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    });
    assertThat(report.rows().get(1).measurement().hasLatencies()).isFalse();
    assertThat(report.comparisons()).extracting(o -> o.comparison().label())
        .containsExactly("convoy-load / h2load, grpc-floor, c=64");
  }

  @Test
  void run_streamThroughRouterAndHeapPair_perMessageLatenciesAndServerHeapRead()
      throws Exception {
    assumeJars();
    BenchSettings settings = new BenchSettings(Duration.ofMillis(600), Duration.ZERO,
        Duration.ZERO, MODELS, MODELS.resolve("data/digits_test.csv"), 32, 1000,
        List.of(8, 16, 32), 1, 1, LAUNCH, 500);

    BenchReport report = run(settings, List.of("stream-mlp-r1", "stream-heap-*"),
        new ByteArrayOutputStream());

    assertThat(report.rows()).extracting(RowResult::id)
        .containsExactly("stream-mlp-r1", "stream-heap-start", "stream-heap-after");
    assertThat(report.rows()).allSatisfy(row -> {
      assertThat(row.notRunReason()).as(row.id()).isNull();
      assertThat(row.measurement().errors()).as(row.id()).isZero();
    });
    Measurement stream = report.rows().get(0).measurement();
    assertThat(stream.requests()).isPositive();
    assertThat(stream.batch().executions()).isPositive();
    assertThat(report.rows().get(2).measurement().requests()).isEqualTo(500);
    assertThat(report.rows().get(1).measurement().heapBytes()).isPositive();
    assertThat(report.rows().get(2).measurement().heapBytes()).isPositive();
    assertThat(report.comparisons()).singleElement()
        .satisfies(o -> assertThat(o.present()).isTrue());
  }

  @Test
  void run_serverCannotLoadModel_rowsNotRunWithServersReason(@TempDir Path temp)
      throws Exception {
    assumeJars();
    Path broken = Files.createDirectories(temp.resolve("digits_mlp/1"));
    Files.copy(MODELS.resolve("digits_mlp/config.pbtxt"), broken.resolveSibling("config.pbtxt"));
    Files.writeString(broken.resolve("model.onnx"), "not an onnx model");

    BenchReport report = run(settings(temp, Duration.ofMillis(100)),
        List.of("batch-mlp-off-c1", "batch-mlp-off-c8"), new ByteArrayOutputStream());

    assertThat(report.rows()).allSatisfy(row -> assertThat(row.notRunReason())
        .startsWith("server did not load digits_mlp (no dynamic_batching, max_batch_size 32"));
    assertThat(BenchReportFormats.text(report)).contains("not run: server did not load");
    assertThat(report.comparisons()).singleElement()
        .satisfies(o -> assertThat(o.missing()).isEqualTo("batch-mlp-off-c8 did not run"));
  }
}
