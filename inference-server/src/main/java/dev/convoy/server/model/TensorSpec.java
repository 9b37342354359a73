package dev.convoy.server.model;

import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Shapes;

/**
 * A tensor as the model configuration declares it.
 *
 * @param dims dimensions without the batch dimension; -1 marks a variable size
 */
public record TensorSpec(String name, DataType type, long[] dims) {

  public TensorSpec {
    dims = dims.clone();
  }

  @Override
  public long[] dims() {
    return dims.clone();
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
