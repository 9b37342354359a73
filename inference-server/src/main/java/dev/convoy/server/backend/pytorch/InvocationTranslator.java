package dev.convoy.server.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns an {@link Invocation} into the module's positional arguments and the returned tuple
 * into the asked-for outputs, timing both. Its arrays live in the call's NDManager
 * ({@code ctx.getNDManager()}), which the predictor closes when the call returns. Stateless:
 * a call's timestamps travel in the context.
 */
final class InvocationTranslator implements NoBatchifyTranslator<Invocation, Execution> {
  private static final String STARTED = "convoy.started";
  private static final String FED = "convoy.fed";
  private static final String INVOCATION = "convoy.invocation";

  private final TensorBinding binding;
  private final LongSupplier nanoTime;

  InvocationTranslator(TensorBinding binding, LongSupplier nanoTime) {
    this.binding = binding;
    this.nanoTime = nanoTime;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Invocation invocation) {
    ctx.setAttachment(STARTED, nanoTime.getAsLong());
    ctx.setAttachment(INVOCATION, invocation);
    Map<String, Tensor> byName = new HashMap<>();
    invocation.inputs().forEach(t -> byName.put(t.name(), t));
    NDList arguments = new NDList(binding.inputOrder().size());
    for (String name : binding.inputOrder()) {
      // Left unnamed: DJL reads some array names as list, tuple or dict arguments.
      arguments.add(NdTensors.toNd(ctx.getNDManager(), byName.get(name)));
    }
    ctx.setAttachment(FED, nanoTime.getAsLong());
    return arguments;
  }

  @Override
  public Execution processOutput(TranslatorContext ctx, NDList returned) {
    long ran = nanoTime.getAsLong();
    List<String> names = ((Invocation) ctx.getAttachment(INVOCATION)).outputs();
    List<Tensor> outputs = new ArrayList<>(names.size());
    for (String name : names) {
      int index = binding.outputIndex(name);
      if (index >= returned.size()) {
        throw new IllegalStateException("output '" + name + "' is at position " + index
            + " but the module returned " + returned.size() + " tensor(s)");
      }
      NDArray array = returned.get(index);
      outputs.add(NdTensors.fromNd(name, array));
    }
    long started = (Long) ctx.getAttachment(STARTED);
    long fed = (Long) ctx.getAttachment(FED);
    return new Execution(outputs, fed - started, ran - fed, nanoTime.getAsLong() - ran);
  }
}
