package dev.convoy.loadtest.input;

import java.util.List;
import java.util.Objects;

/**
 * One input tensor to generate, with a concrete shape.
 *
 * @param name input name
 * @param datatype element type
 * @param shape concrete dimensions (no -1)
 * @param batched whether the first dimension is the batch dimension (rows)
 */
public record InputSpec(String name, Datatype datatype, List<Long> shape, boolean batched) {

  public InputSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datatype, "datatype");
    shape = List.copyOf(shape);
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            "input '" + name + "' has a negative dimension: " + shape);
      }
    }
    if (batched && shape.isEmpty()) {
      throw new IllegalArgumentException("input '" + name + "' is batched but has no dimensions");
    }
  }

  /** Elements in the whole tensor. */
  public long elementCount() {
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  /** Rows in one request: the batch dimension, or 1 for an unbatched input. */
  public long rows() {
    return batched ? shape.get(0) : 1;
  }

  /** Elements of one row. */
  public long elementsPerRow() {
    long rows = rows();
    return rows == 0 ? 0 : elementCount() / rows;
  }

  /** Bytes of raw contents, or -1 for BYTES whose size depends on the values. */
  public long byteSize() {
    return datatype == Datatype.BYTES ? -1 : elementCount() * datatype.byteSize();
  }

  @Override
  public String toString() {
    return name + " " + datatype + " " + shape;
  }
}
