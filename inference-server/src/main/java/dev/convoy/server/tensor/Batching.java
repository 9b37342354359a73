package dev.convoy.server.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins request tensors along the batch dimension into one batch tensor, and splits a batch
 * output back into per-request tensors. Row-major layout makes both a matter of byte ranges,
 * BYTES included, since its elements are stored one after another.
 */
public final class Batching {
  private Batching() {}

  /** One tensor holding every part's rows in order; parts share name, type and non-batch dims. */
  public static Tensor concat(List<Tensor> parts) {
    Tensor first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    long rows = 0;
    int size = 0;
    for (Tensor part : parts) {
      rows += part.dim(0);
      size += part.data().remaining();
    }
    long[] shape = first.shape();
    shape[0] = rows;
    ByteBuffer joined = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor part : parts) {
      joined.put(part.dataView());
    }
    return new Tensor(first.name(), first.type(), shape, joined.flip());
  }

  /** The batch output cut into consecutive slices of the given row counts. */
  public static List<Tensor> split(Tensor batch, int[] rows) {
    if (rows.length == 1) {
      return List.of(batch);
    }
    long[] rowShape = batch.shape();
    rowShape[0] = 1;
    long elementsPerRow = Shapes.elementCount(rowShape);
    ByteBuffer data = batch.dataView();
    List<Tensor> slices = new ArrayList<>(rows.length);
    for (int count : rows) {
      int length = byteLength(batch.type(), data, elementsPerRow * count);
      ByteBuffer slice = data.slice(data.position(), length).order(ByteOrder.LITTLE_ENDIAN);
      data.position(data.position() + length);
      long[] shape = batch.shape();
      shape[0] = count;
      slices.add(new Tensor(batch.name(), batch.type(), shape, slice));
    }
    return slices;
  }

  /** Bytes taken by the next {@code elements} elements from the buffer's position. */
  private static int byteLength(DataType type, ByteBuffer data, long elements) {
    if (type.isFixedSize()) {
      return Math.toIntExact(elements * type.elementSize());
    }
    int offset = data.position();
    for (long i = 0; i < elements; i++) {
      offset += Integer.BYTES + data.getInt(offset);
    }
    return offset - data.position();
  }
}
