package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dynamic batching on and off, side by side, on a light model (digits_mlp, where gRPC costs
 * more than compute) and a compute-heavy one (digits_wide): each served unbatched and batched
 * at concurrency 1, 8, 64 from its own rewritten repository copy, plus in-process ORT at batch
 * 1 and at the batch size the batcher formed at c=64.
 */
final class BatchingGroup implements ScenarioGroup {

  static final String NAME = "batching";
  /** Model name to the short tag in row ids. */
  private static final Map<String, String> MODELS =
      Map.of("digits_mlp", "mlp", "digits_wide", "wide");
  private static final List<String> MODEL_ORDER = List.of("digits_mlp", "digits_wide");
  private static final List<Integer> CONCURRENCY = List.of(1, 8, 64);
  /** The throughput gain at c=64 the batching issue asks for. */
  static final double GOAL_AT_C64 = 4.0;

  static String id(String model, String what) {
    return "batch-" + MODELS.get(model) + "-" + what;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "digits_mlp and digits_wide served without and with dynamic_batching at c="
        + CONCURRENCY + ", and in-process at batch 1 and at the batch the batcher formed";
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (String model : MODEL_ORDER) {
      rows.add(new RowSpec(id(model, "inproc-b1"), NAME, InProcessGroup.SCENARIO,
          model + ", batch 1", InProcessProbe.fixed(model, 1)));
      for (ModelVariant variant : List.of(settings.unbatched(), settings.batched())) {
        String tag = variant.batching() == null ? "off" : "on";
        for (int c : CONCURRENCY) {
          String id = id(model, tag + "-c" + c);
          rows.add(new RowSpec(id, NAME, ServedGroup.SCENARIO,
              model + ", c=" + c + ", " + variant.name(), InterleavedSet.single(id,
                  new LoadContender(new Target.Convoy(model, variant), model, c))));
        }
      }
      String formedAt = id(model, "on-c64");
      rows.add(new RowSpec(id(model, "inproc-formed"), NAME, InProcessGroup.SCENARIO,
          model + ", batch formed at " + formedAt,
          InProcessProbe.atFormedBatch(model, formedAt)));
    }
    return rows;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (String model : MODEL_ORDER) {
      String t = MODELS.get(model);
      comparisons.add(ratio(t + " unbatched c=1 / in-process, same batch (1)",
          id(model, "off-c1"), id(model, "inproc-b1")));
      for (int c : List.of(8, 64)) {
        comparisons.add(ratio(t + " unbatched c=" + c + " / c=1",
            id(model, "off-c" + c), id(model, "off-c1")));
      }
      for (int c : CONCURRENCY) {
        Comparison gain = ratio(t + " batched / unbatched, c=" + c,
            id(model, "on-c" + c), id(model, "off-c" + c));
        comparisons.add(c == 64 ? gain.withGoalAtLeast(GOAL_AT_C64) : gain);
      }
      comparisons.add(ratio(t + " batched c=64 / in-process, same batch (formed)",
          id(model, "on-c64"), id(model, "inproc-formed")));
      comparisons.add(ratio(t + " in-process formed batch / batch 1",
          id(model, "inproc-formed"), id(model, "inproc-b1")));
      for (int c : List.of(8, 64)) {
        comparisons.add(Comparison.ratio(t + " p99 batched / unbatched, c=" + c,
            id(model, "on-c" + c), id(model, "off-c" + c), Metric.P99));
      }
      comparisons.add(Comparison.difference(t + " p50 batched - unbatched, c=1",
              id(model, "on-c1"), id(model, "off-c1"), Metric.P50)
          .withNote("vs max_queue_delay " + settings.maxQueueDelayMicros() + " µs"));
    }
    return comparisons;
  }

  private static Comparison ratio(String label, String row, String baseline) {
    return Comparison.ratio(label, row, baseline, Metric.ROWS_PER_SECOND);
  }
}
