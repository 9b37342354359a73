package dev.convoy.server.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor in the protocol's raw layout: little-endian, row-major, no padding; BYTES
 * elements are each a 4-byte little-endian length followed by that many bytes.
 *
 * @param data read-only view positioned at the first byte, ordered little-endian
 */
public record Tensor(String name, DataType type, long[] shape, ByteBuffer data) {

  public Tensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    shape = shape.clone();
    data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The first dimension, which is the batch size for a model that batches. */
  public long dim(int index) {
    return shape[index];
  }

  public int rank() {
    return shape.length;
  }

  public long elementCount() {
    return Shapes.elementCount(shape);
  }

  /** The data as a fresh little-endian buffer at position 0, for callers that consume it. */
  public ByteBuffer dataView() {
    return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && type == t.type
        && Arrays.equals(shape, t.shape)
        && data.equals(t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(shape), data);
  }

  @Override
  public String toString() {
    return "Tensor[" + name + " " + type + " " + Shapes.format(shape) + "]";
  }
}
