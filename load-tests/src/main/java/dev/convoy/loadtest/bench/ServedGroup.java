package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.List;

/**
 * The server over loopback on digits_mlp as shipped, batch-1 requests at concurrency 1, 8, 64:
 * what serving costs against the in-process limit, and how it scales with concurrency.
 */
final class ServedGroup implements ScenarioGroup {

  static final String NAME = "served";
  static final String SCENARIO = "served, loopback";
  private static final String MODEL = "digits_mlp";
  private static final List<Integer> CONCURRENCY = List.of(1, 8, 64);

  static String id(int concurrency) {
    return "served-mlp-c" + concurrency;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the server in this JVM over loopback, digits_mlp as shipped, batch-1 requests at c="
        + CONCURRENCY;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    return CONCURRENCY.stream()
        .map(c -> new RowSpec(id(c), NAME, SCENARIO,
            MODEL + ", c=" + c + ", " + ModelVariant.SHIPPED.describe(),
            new ServedProbe(MODEL, ModelVariant.SHIPPED, c)))
        .toList();
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    String inProcess = InProcessGroup.id(1);
    return List.of(
        Comparison.ratio("served c=1 / in-process, same batch (1)", id(1), inProcess,
            Metric.ROWS_PER_SECOND),
        Comparison.ratio("served c=8 / c=1", id(8), id(1), Metric.ROWS_PER_SECOND),
        Comparison.ratio("served c=64 / c=1", id(64), id(1), Metric.ROWS_PER_SECOND),
        Comparison.ratio("served c=64 / in-process, same batch (1)", id(64), inProcess,
            Metric.ROWS_PER_SECOND),
        Comparison.ratio("served p99 c=64 / c=1", id(64), id(1), Metric.P99));
  }
}
