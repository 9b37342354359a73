package dev.convoy.server.classify;

import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.tensor.BytesElements;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Shapes;
import dev.convoy.server.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Triton's classification of an output: for each batch row (the whole tensor for a model
 * without batching), its {@code count} largest elements, largest first, each as the BYTES
 * element {@code score:index} or {@code score:index:label}. Floating-point scores are printed
 * as Triton prints them, fixed with 9 decimals; integer scores as integers. The answer's shape
 * is {@code [batch, min(count, row elements)]}, or {@code [min(count, elements)]} unbatched.
 */
public final class TopClasses {
  /** The datatypes Triton classifies. */
  static final Set<DataType> CLASSIFIABLE = EnumSet.of(DataType.UINT8, DataType.UINT16, DataType.UINT32,
      DataType.UINT64, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.FP32, DataType.FP64);

  private TopClasses() {}

  /** @throws InvalidInputException naming the output when its datatype has no order Triton classifies by */
  public static void requireClassifiable(String output, DataType type) {
    if (!CLASSIFIABLE.contains(type)) {
      throw new InvalidInputException("output '" + output + "': classification needs a numeric output"
          + " (INT*, UINT*, FP32, FP64), it is " + type);
    }
  }

  public static Tensor of(Tensor output, int count, boolean batched, ClassLabels labels) {
    long[] shape = output.shape();
    int rows = batched && shape.length > 0 ? Math.toIntExact(shape[0]) : 1;
    int perRow = Math.toIntExact(Shapes.elementCount(batched && shape.length > 0
        ? Arrays.copyOfRange(shape, 1, shape.length) : shape));
    int top = Math.min(count, perRow);
    ByteBuffer data = output.dataView();
    List<byte[]> elements = new ArrayList<>(rows * top);
    for (int row = 0; row < rows; row++) {
      int first = row * perRow;
      Integer[] order = IntStream.range(0, perRow).boxed().toArray(Integer[]::new);
      // Largest first; equal scores keep index order.
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -value(output.type(), data, first + i)));
      for (int k = 0; k < top; k++) {
        elements.add(element(output, data, first, order[k], labels));
      }
    }
    long[] answerShape = batched && shape.length > 0 ? new long[] {rows, top} : new long[] {top};
    return new Tensor(output.name(), DataType.BYTES, answerShape, BytesElements.encode(elements));
  }

  private static byte[] element(Tensor output, ByteBuffer data, int first, int index, ClassLabels labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((score(output.type(), data, first + index) + ":" + index).getBytes(StandardCharsets.US_ASCII));
    labels.label(output.name(), index).filter(l -> l.length > 0).ifPresent(label -> {
      out.write(':');
      out.writeBytes(label);
    });
    return out.toByteArray();
  }

  private static String score(DataType type, ByteBuffer data, int element) {
    return switch (type) {
      case FP32 -> String.format(Locale.ROOT, "%.9f", (double) data.getFloat(element * 4));
      case FP64 -> String.format(Locale.ROOT, "%.9f", data.getDouble(element * 8));
      case UINT64 -> Long.toUnsignedString(data.getLong(element * 8));
      case INT64 -> Long.toString(data.getLong(element * 8));
      default -> Long.toString((long) value(type, data, element));
    };
  }

  private static double value(DataType type, ByteBuffer data, int element) {
    return switch (type) {
      case UINT8 -> Byte.toUnsignedInt(data.get(element));
      case INT8 -> data.get(element);
      case UINT16 -> Short.toUnsignedInt(data.getShort(element * 2));
      case INT16 -> data.getShort(element * 2);
      case UINT32 -> Integer.toUnsignedLong(data.getInt(element * 4));
      case INT32 -> data.getInt(element * 4);
      case UINT64 -> unsigned(data.getLong(element * 8));
      case INT64 -> data.getLong(element * 8);
      case FP32 -> data.getFloat(element * 4);
      case FP64 -> data.getDouble(element * 8);
      default -> throw new IllegalArgumentException(type + " is not classifiable");
    };
  }

  private static double unsigned(long value) {
    return value >= 0 ? value : (double) (value >>> 1) * 2 + (value & 1);
  }
}
