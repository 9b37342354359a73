package dev.convoy.server.tensor;

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
