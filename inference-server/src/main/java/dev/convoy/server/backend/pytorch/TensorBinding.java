package dev.convoy.server.backend.pytorch;

import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.TensorSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Where each configured tensor sits in a TorchScript module's positional arguments and in the
 * tuple its {@code forward} returns, by Triton's rules: names of the form {@code <name>__<index>}
 * (e.g. {@code INPUT__0}, {@code OUTPUT__1}) give the position; otherwise the config's order does.
 */
final class TensorBinding {
  private static final Pattern INDEXED = Pattern.compile(".+__(\\d{1,4})");

  private final List<String> inputOrder;
  private final Map<String, Integer> outputIndex;

  private TensorBinding(List<String> inputOrder, Map<String, Integer> outputIndex) {
    this.inputOrder = inputOrder;
    this.outputIndex = outputIndex;
  }

  /** @throws ModelLoadException when indexed names skip or repeat a position */
  static TensorBinding of(ModelSpec spec) {
    Map<String, Integer> inputs = positions(spec, "input", spec.inputs());
    String[] order = new String[inputs.size()];
    inputs.forEach((name, index) -> order[index] = name);
    return new TensorBinding(List.of(order), positions(spec, "output", spec.outputs()));
  }

  /** Input names in the order {@code forward} takes them. */
  List<String> inputOrder() {
    return inputOrder;
  }

  /** The position of an output in the tuple (or the single tensor, position 0) {@code forward} returns. */
  int outputIndex(String name) {
    return outputIndex.get(name);
  }

  private static Map<String, Integer> positions(ModelSpec spec, String kind, List<TensorSpec> tensors) {
    Map<String, Integer> positions = new HashMap<>();
    boolean indexed = tensors.stream().allMatch(t -> INDEXED.matcher(t.name()).matches());
    for (int i = 0; i < tensors.size(); i++) {
      String name = tensors.get(i).name();
      positions.put(name, indexed ? index(name) : i);
    }
    if (indexed && !positions.values().containsAll(IntStream.range(0, tensors.size()).boxed().toList())) {
      throw new ModelLoadException("model '" + spec.name() + "': " + kind + " names "
          + positions.keySet() + " must number positions 0.." + (tensors.size() - 1)
          + " once each (Triton's <name>__<index> convention)");
    }
    return positions;
  }

  private static int index(String name) {
    Matcher m = INDEXED.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(name);
    }
    return Integer.parseInt(m.group(1));
  }
}
