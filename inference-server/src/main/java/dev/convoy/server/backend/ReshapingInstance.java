package dev.convoy.server.backend;

import dev.convoy.server.error.BackendException;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.TensorSpec;
import dev.convoy.server.tensor.Shapes;
import dev.convoy.server.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the config's {@code reshape}s around a model instance: inputs are handed to the
 * model in their {@code reshape} shape, outputs come back in their {@code dims}, the batch
 * dimension kept. Only shapes change; the bytes are the same, row-major.
 */
public final class ReshapingInstance implements ModelInstance {
  private final ModelSpec spec;
  private final ModelInstance model;

  private ReshapingInstance(ModelSpec spec, ModelInstance model) {
    this.spec = spec;
    this.model = model;
  }

  /** The instance itself when no tensor is reshaped. */
  public static ModelInstance wrap(ModelSpec spec, ModelInstance model) {
    boolean any = spec.inputs().stream().anyMatch(TensorSpec::reshaped)
        || spec.outputs().stream().anyMatch(TensorSpec::reshaped);
    return any ? new ReshapingInstance(spec, model) : model;
  }

  @Override
  public Execution run(List<Tensor> inputs, List<String> outputs) {
    List<Tensor> fed = new ArrayList<>(inputs.size());
    for (Tensor input : inputs) {
      TensorSpec declared = spec.input(input.name()).orElseThrow();
      // Load-time checks make every valid request's input reshapeable.
      fed.add(declared.reshaped() ? reshaped(input, declared.modelDims()) : input);
    }
    Execution execution = model.run(fed, outputs);
    List<Tensor> answered = new ArrayList<>(execution.outputs().size());
    for (Tensor output : execution.outputs()) {
      TensorSpec declared = spec.output(output.name()).orElseThrow();
      answered.add(declared.reshaped() ? outputInDims(output, declared) : output);
    }
    return new Execution(answered, execution.inputNanos(), execution.inferNanos(), execution.outputNanos());
  }

  private Tensor outputInDims(Tensor output, TensorSpec declared) {
    try {
      return reshaped(output, declared.dims());
    } catch (IllegalArgumentException e) {
      throw new BackendException("model '" + spec.name() + "': output '" + output.name() + "' "
          + Shapes.format(output.shape()) + " does not fit its dims " + Shapes.format(declared.dims()), e);
    }
  }

  private Tensor reshaped(Tensor tensor, long[] dims) {
    long[] shape = Shapes.reshape(tensor.shape(), spec.batched() ? 1 : 0, dims);
    return new Tensor(tensor.name(), tensor.type(), shape, tensor.dataView());
  }

  @Override
  public String device() {
    return model.device();
  }

  @Override
  public void close() {
    model.close();
  }
}
