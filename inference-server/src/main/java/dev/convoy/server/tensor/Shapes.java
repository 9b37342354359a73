package dev.convoy.server.tensor;

import dev.convoy.server.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Arithmetic and formatting for tensor shapes. */
public final class Shapes {
  private Shapes() {}

  /** The number of elements; 1 for a scalar. Dimensions must be non-negative. */
  public static long elementCount(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  /**
   * Checks that a request tensor's shape has no negative dimension and that its element count
   * fits in a long, in exact arithmetic.
   *
   * @throws InvalidInputException naming the tensor and the shape
   */
  public static void requireCountable(long[] shape, String tensorName) {
    for (long dim : shape) {
      if (dim < 0) {
        throw new InvalidInputException("input '" + tensorName + "': shape " + format(shape)
            + " has a negative dimension");
      }
    }
    try {
      elementCount(shape);
    } catch (ArithmeticException e) {
      throw tooLarge(tensorName, shape, "its element count overflows 64 bits");
    }
  }

  /**
   * The bytes {@code shape} takes in {@code type} (fixed-size types only), computed exactly: a
   * shape whose size overflows, or exceeds what one message can carry (2 GiB), is refused.
   *
   * @throws InvalidInputException naming the tensor and the shape
   */
  public static long byteSize(DataType type, long[] shape, String tensorName) {
    requireCountable(shape, tensorName);
    long bytes;
    try {
      bytes = Math.multiplyExact(elementCount(shape), (long) type.elementSize());
    } catch (ArithmeticException e) {
      throw tooLarge(tensorName, shape, type + " bytes overflow 64 bits");
    }
    if (bytes > Integer.MAX_VALUE) {
      throw tooLarge(tensorName, shape, "it needs " + bytes + " bytes of " + type
          + ", more than one message can carry");
    }
    return bytes;
  }

  private static InvalidInputException tooLarge(String tensorName, long[] shape, String why) {
    return new InvalidInputException("input '" + tensorName + "': shape " + format(shape) + " is too large: " + why);
  }

  public static long elementCount(List<Long> shape) {
    return elementCount(shape.stream().mapToLong(Long::longValue).toArray());
  }

  /** {@code [8, 64]}, with -1 for a variable dimension. */
  public static String format(long[] shape) {
    return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  public static String format(List<Long> shape) {
    return format(shape.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * {@code shape} with its dimensions from {@code skip} on replaced by {@code target}, where a
   * -1 in {@code target} takes what the element count leaves; the first {@code skip}
   * dimensions (the batch dimension) stay.
   *
   * @throws IllegalArgumentException where the element counts cannot agree
   */
  public static long[] reshape(long[] shape, int skip, long[] target) {
    long count = elementCount(Arrays.copyOfRange(shape, skip, shape.length));
    long fixed = Arrays.stream(target).filter(d -> d >= 0).reduce(1, Math::multiplyExact);
    long[] out = new long[skip + target.length];
    System.arraycopy(shape, 0, out, 0, skip);
    for (int i = 0; i < target.length; i++) {
      out[skip + i] = target[i] == -1 ? (fixed == 0 ? 0 : count / fixed) : target[i];
    }
    if (elementCount(Arrays.copyOfRange(out, skip, out.length)) != count) {
      throw new IllegalArgumentException(format(shape) + " cannot be reshaped to " + format(target));
    }
    return out;
  }

  /** Whether a concrete shape fits a pattern in which -1 matches any size. */
  public static boolean matches(long[] pattern, long[] shape) {
    if (pattern.length != shape.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i] != -1 && pattern[i] != shape[i]) {
        return false;
      }
    }
    return true;
  }
}
