package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * What tracing costs: digits_mlp as shipped, served untraced and then with every span sampled
 * and exported over OTLP to a loopback receiver, at c=8 and c=64.
 */
final class TracingGroup implements ScenarioGroup {

  static final String NAME = "tracing";
  private static final String MODEL = "digits_mlp";
  private static final List<Integer> CONCURRENCY = List.of(8, 64);
  /** Traced throughput over untraced that the telemetry issue asks for, at least. */
  static final double GOAL_THROUGHPUT_RATIO = 0.9;

  static String id(boolean traced, int concurrency) {
    return "tracing-" + (traced ? "on" : "off") + "-c" + concurrency;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "digits_mlp served untraced, then tracing 100% of spans to a loopback OTLP receiver, at c="
        + CONCURRENCY;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (boolean traced : new boolean[] {false, true}) {
      for (int c : CONCURRENCY) {
        String configuration = MODEL + ", c=" + c + ", " + (traced
            ? "tracing on: always_on sampler, OTLP/gRPC to a loopback receiver" : "tracing off");
        rows.add(new RowSpec(id(traced, c), NAME, ServedGroup.SCENARIO, configuration,
            new TracedProbe(MODEL, c, traced)));
      }
    }
    return rows;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (int c : CONCURRENCY) {
      comparisons.add(Comparison.ratio("tracing on / off, c=" + c, id(true, c), id(false, c),
          Metric.ROWS_PER_SECOND).withGoalAtLeast(GOAL_THROUGHPUT_RATIO));
      comparisons.add(Comparison.ratio("tracing on p99 / off p99, c=" + c, id(true, c), id(false, c),
          Metric.P99));
    }
    return comparisons;
  }
}
