package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.List;

/** ONNX Runtime in-process on digits_mlp at batch 1, 8, 32 and 128: the in-process limit. */
final class InProcessGroup implements ScenarioGroup {

  static final String NAME = "inprocess";
  static final String MODEL = "digits_mlp";
  static final String SCENARIO = "in-process ORT, 1 thread";
  private static final List<Integer> BATCHES = List.of(1, 8, 32, 128);

  static String id(int batch) {
    return "inproc-mlp-b" + batch;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "an OrtSession on digits_mlp, one caller thread, batch " + BATCHES;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    return BATCHES.stream()
        .map(b -> new RowSpec(id(b), NAME, SCENARIO, MODEL + ", batch " + b,
            InProcessProbe.fixed(MODEL, b)))
        .toList();
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    return BATCHES.stream()
        .filter(b -> b > 1)
        .map(b -> Comparison.ratio("in-process batch " + b + " / batch 1", id(b), id(1),
            Metric.ROWS_PER_SECOND))
        .toList();
  }
}
