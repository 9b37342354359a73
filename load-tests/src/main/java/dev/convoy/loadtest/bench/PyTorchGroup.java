package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DJL's PyTorch engine and ONNX Runtime side by side on the same model (the TorchScript twin
 * {@code T_pt} of each ONNX model {@code T}): in-process at batch 1 and at the batch the
 * batcher formed, and served at c=64 unbatched and batched, each ONNX / TorchScript pair
 * interleaved.
 */
final class PyTorchGroup implements ScenarioGroup {

  static final String NAME = "pytorch";
  private static final Map<String, String> MODELS = Map.of("digits_mlp", "mlp", "digits_wide", "wide");
  private static final List<String> MODEL_ORDER = List.of("digits_mlp", "digits_wide");
  private static final String TORCHSCRIPT_SUFFIX = "_pt";
  private static final int CONCURRENCY = 64;
  private static final String DJL_IN_PROCESS = "in-process DJL, 1 thread";

  /** Row ids: {@code djl-mlp-pt-on-c64}, {@code djl-mlp-onnx-inproc-formed}, ... */
  static String id(String model, String runtime, String what) {
    return "djl-" + MODELS.get(model) + "-" + runtime + "-" + what;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "DJL (TorchScript) and ONNX Runtime on the same models: in-process at batch 1 and at"
        + " the formed batch, served at c=" + CONCURRENCY + " unbatched and batched";
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (String model : MODEL_ORDER) {
      String torch = model + TORCHSCRIPT_SUFFIX;
      rows.add(new RowSpec(id(model, "pt", "inproc-b1"), NAME, DJL_IN_PROCESS,
          torch + ", DJL PyTorch, batch 1", DjlInProcessProbe.fixed(torch, 1)));
      rows.add(new RowSpec(id(model, "onnx", "inproc-b1"), NAME, InProcessGroup.SCENARIO,
          model + ", ONNX Runtime, batch 1", InProcessProbe.fixed(model, 1)));
      for (ModelVariant variant : List.of(settings.unbatched(), settings.batched())) {
        String tag = (variant.batching() == null ? "off" : "on") + "-c" + CONCURRENCY;
        Map<String, Contender> pair = new LinkedHashMap<>();
        pair.put(id(model, "onnx", tag), new LoadContender(new Target.Convoy(model, variant),
            model, CONCURRENCY));
        pair.put(id(model, "pt", tag), new LoadContender(new Target.Convoy(torch, variant),
            torch, CONCURRENCY));
        InterleavedSet set = new InterleavedSet(pair);
        rows.add(new RowSpec(id(model, "onnx", tag), NAME, ServedGroup.SCENARIO, model + ", c="
            + CONCURRENCY + ", " + variant.name(), set.row(id(model, "onnx", tag))));
        rows.add(new RowSpec(id(model, "pt", tag), NAME, ServedGroup.SCENARIO, torch + ", c="
            + CONCURRENCY + ", " + variant.name(), set.row(id(model, "pt", tag))));
      }
      String batched = "on-c" + CONCURRENCY;
      rows.add(new RowSpec(id(model, "pt", "inproc-formed"), NAME, DJL_IN_PROCESS,
          torch + ", DJL PyTorch, batch formed at " + id(model, "pt", batched),
          DjlInProcessProbe.atFormedBatch(torch, id(model, "pt", batched))));
      rows.add(new RowSpec(id(model, "onnx", "inproc-formed"), NAME, InProcessGroup.SCENARIO,
          model + ", ONNX Runtime, batch formed at " + id(model, "onnx", batched),
          InProcessProbe.atFormedBatch(model, id(model, "onnx", batched))));
    }
    return rows;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (String model : MODEL_ORDER) {
      String t = MODELS.get(model);
      for (String what : List.of("inproc-b1", "off-c" + CONCURRENCY, "on-c" + CONCURRENCY,
          "inproc-formed")) {
        comparisons.add(ratio(t + " DJL / ONNX Runtime, " + what, id(model, "pt", what),
            id(model, "onnx", what)));
      }
      for (String runtime : List.of("pt", "onnx")) {
        comparisons.add(ratio(t + " " + runtime + " batched c=" + CONCURRENCY
            + " / in-process, same batch (formed)", id(model, runtime, "on-c" + CONCURRENCY),
            id(model, runtime, "inproc-formed")));
      }
    }
    return comparisons;
  }

  private static Comparison ratio(String label, String row, String baseline) {
    return Comparison.ratio(label, row, baseline, Metric.ROWS_PER_SECOND);
  }
}
