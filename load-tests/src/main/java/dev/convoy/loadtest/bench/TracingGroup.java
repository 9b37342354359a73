package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import dev.convoy.loadtest.bench.Target.Sampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tracing costs: digits_mlp as shipped, served untraced, sampling 10% of traces and
 * sampling all of them (the standard {@code OTEL_TRACES_SAMPLER=parentbased_traceidratio} with
 * {@code OTEL_TRACES_SAMPLER_ARG} 0.1 and 1.0), each traced server exporting over OTLP/gRPC to
 * an OTLP receiver in its own process. The three are measured interleaved at c=8 and c=64.
 */
final class TracingGroup implements ScenarioGroup {

  static final String NAME = "tracing";
  private static final String MODEL = "digits_mlp";
  private static final List<Integer> CONCURRENCY = List.of(8, 64);
  /** Traced throughput over untraced that the request path issue asks for, at least. */
  static final double GOAL_TEN_PERCENT = 0.95;
  static final double GOAL_ALL = 0.8;

  static String id(Sampling sampling, int concurrency) {
    String tag = switch (sampling) {
      case NONE -> "off";
      case TEN_PERCENT -> "10pct";
      case ALL -> "on";
    };
    return "tracing-" + tag + "-c" + concurrency;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "digits_mlp served untraced, sampling 10% and 100% of traces to an OTLP receiver in"
        + " its own process, interleaved at c=" + CONCURRENCY;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (int c : CONCURRENCY) {
      Map<String, Contender> contenders = new LinkedHashMap<>();
      for (Sampling sampling : Sampling.values()) {
        contenders.put(id(sampling, c), new TracedContender(
            new Target.Convoy(MODEL, ModelVariant.SHIPPED, sampling), c));
      }
      InterleavedSet set = new InterleavedSet(contenders);
      for (Sampling sampling : Sampling.values()) {
        String configuration = MODEL + ", c=" + c + ", " + (sampling == Sampling.NONE
            ? "tracing off" : "sampler " + sampling.describe() + ", OTLP/gRPC to a receiver"
                + " process");
        rows.add(new RowSpec(id(sampling, c), NAME, ServedGroup.SCENARIO, configuration,
            set.row(id(sampling, c))));
      }
    }
    return rows;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (int c : CONCURRENCY) {
      String off = id(Sampling.NONE, c);
      comparisons.add(Comparison.ratio("tracing 10% / off, c=" + c, id(Sampling.TEN_PERCENT, c),
          off, Metric.ROWS_PER_SECOND).withGoalAtLeast(GOAL_TEN_PERCENT));
      comparisons.add(Comparison.ratio("tracing 100% / off, c=" + c, id(Sampling.ALL, c), off,
          Metric.ROWS_PER_SECOND).withGoalAtLeast(GOAL_ALL));
      comparisons.add(Comparison.ratio("tracing 100% p99 / off p99, c=" + c, id(Sampling.ALL, c),
          off, Metric.P99));
    }
    return comparisons;
  }
}
