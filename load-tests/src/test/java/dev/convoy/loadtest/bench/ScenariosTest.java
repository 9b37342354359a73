package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

  static final BenchSettings SETTINGS = new BenchSettings(Duration.ofSeconds(1), Duration.ZERO,
      Duration.ZERO, Path.of("models"), Path.of("rows.csv"), 32, 1000, List.of(8, 16, 32), 1, 1);

  @Test
  void select_all_everyRowOnceInCatalogueOrder() {
    Scenarios.Selection all = Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("all"));

    List<String> ids = all.rows().stream().map(RowSpec::id).toList();
    assertThat(ids).startsWith("inproc-mlp-b1", "inproc-mlp-b8").doesNotHaveDuplicates()
        .contains("served-mlp-c64", "batch-wide-on-c64", "batch-wide-inproc-formed");
    assertThat(ids.indexOf("batch-mlp-on-c64")).isLessThan(ids.indexOf("batch-mlp-inproc-formed"));
  }

  @Test
  void select_groupAndGlob_rowsInCatalogueOrderAndOnlyComparisonsWithBothRows() {
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), SETTINGS,
        List.of("served", "inproc-*-b1"));

    List<String> ids = selection.rows().stream().map(RowSpec::id).toList();
    assertThat(ids).startsWith("inproc-mlp-b1", "served-mlp-c1", "handwritten-mlp-c1",
        "floor-mlp-c1", "batched-mlp-c1", "served-mlp-c8");
    assertThat(ids).contains("h2load-floor-mlp-c64", "batched-wide-c64", "handwritten-wide-c64")
        .doesNotContain("h2load-floor-mlp-c1", "inproc-mlp-b8");
    assertThat(selection.comparisons())
        .anyMatch(c -> c.label().equals("served c=1 / in-process, same batch (1)"))
        .noneMatch(c -> c.baselineId().equals("inproc-mlp-b8"));
  }

  @Test
  void select_served_theRequestPathIssuesGoalsBesideTheirRatios() {
    Scenarios.Selection selection =
        Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("served"));

    assertThat(selection.comparisons().stream().filter(Comparison::hasGoal))
        .extracting(Comparison::label, Comparison::goalAtLeast, Comparison::goalAtMost)
        .contains(
            tuple("Convoy unbatched / hand-written, c=1", 1.0, Double.NaN),
            tuple("Convoy unbatched / hand-written, c=64", 1.0, Double.NaN),
            tuple("Convoy batched / grpc-floor, c=64", 0.9, Double.NaN),
            tuple("Convoy batched / hand-written, c=64", 1.5, Double.NaN),
            tuple("wide Convoy batched / hand-written, c=64", 2.0,
                Double.NaN),
            tuple("convoy-load / h2load, grpc-floor, c=64", 0.8,
                Double.NaN),
            // max_queue_delay 1000 µs + 100 µs
            tuple("batched p50 - unbatched p50, c=1", Double.NaN,
                1_100_000.0));
  }

  @Test
  void select_batching_goalOnlyAtC64AndDelayNote() {
    Scenarios.Selection selection =
        Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("batching"));

    assertThat(selection.comparisons().stream().filter(Comparison::hasGoal))
        .extracting(Comparison::rowId)
        .containsExactly("batch-mlp-on-c64", "batch-wide-on-c64");
    assertThat(selection.comparisons())
        .anyMatch(c -> c.kind() == Comparison.Kind.DIFFERENCE
            && c.note().equals("vs max_queue_delay 1000 µs"));
  }

  @Test
  void select_tls_plaintextAndTlsAtC64WithTheGoal() {
    Scenarios.Selection selection =
        Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("tls"));

    assertThat(selection.rows().stream().map(RowSpec::id)).containsExactly("tls-off-c64", "tls-on-c64");
    assertThat(selection.comparisons().stream().filter(Comparison::hasGoal))
        .extracting(Comparison::rowId, Comparison::baselineId, Comparison::goalAtLeast)
        .containsExactly(tuple("tls-on-c64", "tls-off-c64", 0.8));
  }

  @Test
  void select_tracing_untracedTenPercentAndAllInterleavedWithTheGoals() {
    Scenarios.Selection selection =
        Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("tracing"));

    assertThat(selection.rows().stream().map(RowSpec::id)).containsExactly(
        "tracing-off-c8", "tracing-10pct-c8", "tracing-on-c8",
        "tracing-off-c64", "tracing-10pct-c64", "tracing-on-c64");
    assertThat(selection.comparisons()).hasSize(6)
        .allMatch(c -> c.baselineId().startsWith("tracing-off-"));
    assertThat(selection.comparisons().stream().filter(c -> c.goalAtLeast() == 0.95))
        .extracting(Comparison::rowId).containsExactly("tracing-10pct-c8", "tracing-10pct-c64");
    assertThat(selection.comparisons().stream().filter(c -> c.goalAtLeast() == 0.8))
        .extracting(Comparison::rowId).containsExactly("tracing-on-c8", "tracing-on-c64");
  }

  @Test
  void select_router_directAndRoutedTwinsWithTheIssuesGoals() {
    Scenarios.Selection selection =
        Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("router"));

    assertThat(selection.rows().stream().map(RowSpec::id)).containsExactly(
        "router-mlp-direct-c1", "router-mlp-routed-c1", "router-mlp-direct-c8",
        "router-mlp-routed-c8", "router-mlp-direct-c64", "router-mlp-routed-c64",
        "router-mlp-batched-direct-c64", "router-mlp-batched-routed-c64");
    assertThat(selection.comparisons()).hasSize(12)
        .allMatch(c -> c.rowId().contains("-routed-")
            && c.baselineId().equals(c.rowId().replace("-routed-", "-direct-")));
    assertThat(selection.comparisons().stream().filter(c -> c.goalAtLeast() == 0.9))
        .extracting(Comparison::metric).containsOnly(Comparison.Metric.ROWS_PER_SECOND).hasSize(4);
    assertThat(selection.comparisons().stream().filter(c -> c.goalAtMost() == 100_000))
        .extracting(Comparison::rowId)
        .containsExactly("router-mlp-routed-c1");
  }

  @Test
  void select_stream_oneStreamBesideUnaryAndTheHeapPairWithTheGoals() {
    Scenarios.Selection selection = Scenarios.select(Scenarios.catalogue(), SETTINGS,
        List.of("stream", "inproc-mlp-b32"));

    assertThat(selection.rows().stream().map(RowSpec::id)).containsExactly("inproc-mlp-b32",
        "stream-mlp-r1", "stream-mlp-r32", "stream-unary-mlp-c64", "stream-heap-start",
        "stream-heap-after");
    assertThat(selection.comparisons())
        .extracting(Comparison::rowId, Comparison::baselineId, Comparison::goalAtLeast,
            Comparison::goalAtMost)
        .containsExactly(
            tuple("stream-mlp-r1", "stream-unary-mlp-c64", 0.9, Double.NaN),
            tuple("stream-mlp-r32", "inproc-mlp-b32", 0.25, Double.NaN),
            tuple("stream-heap-after", "stream-heap-start", Double.NaN, 1.1));
  }

  @Test
  void select_unknownName_listsGroupsAndIds() {
    assertThatThrownBy(() -> Scenarios.select(Scenarios.catalogue(), SETTINGS, List.of("streams")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'streams' matches nothing")
        .hasMessageContaining("groups: inprocess, served, batching, router, tracing, stream")
        .hasMessageContaining("served-mlp-c8");
  }
}
