package dev.convoy.server.model;

import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Shapes;

/**
 * A tensor as the model configuration declares it.
 *
 * @param dims dimensions without the batch dimension, as clients see them; -1 marks a
 *     variable size
 * @param modelDims the dimensions inside the model ({@code reshape}); {@code dims} without one
 * @param labelFile the output's {@code label_filename}; empty for none
 */
public record TensorSpec(String name, DataType type, long[] dims, long[] modelDims, String labelFile) {

  public TensorSpec {
    dims = dims.clone();
    modelDims = modelDims.clone();
  }

  /** A tensor the model sees as clients do, without labels. */
  public TensorSpec(String name, DataType type, long[] dims) {
    this(name, type, dims, dims, "");
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  @Override
  public long[] modelDims() {
    return modelDims.clone();
  }

  /** Whether the model sees this tensor in another shape than clients do. */
  public boolean reshaped() {
    return !java.util.Arrays.equals(dims, modelDims);
  }

  /** Whether every dimension has a fixed size. */
  public boolean fixed() {
    for (long dim : dims) {
      if (dim < 0) {
        return false;
      }
    }
    return true;
  }

  /** The full shape a request must have: {@code [-1, dims...]} when the model batches. */
  public long[] shapePattern(boolean batched) {
    if (!batched) {
      return dims();
    }
    long[] shape = new long[dims.length + 1];
    shape[0] = -1;
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return shape;
  }

  @Override
  public String toString() {
    return name + " " + type + " " + Shapes.format(dims);
  }
}
