package dev.convoy.server.model;

import dev.convoy.server.error.InvalidModelConfigException;
import dev.convoy.server.tensor.Shapes;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a tensor's {@code reshape} against its {@code dims} once, at load, so that every shape
 * a request may have can be reshaped: the side reshaped to has at most one -1, and either both
 * sides are fixed with the same element count, or the fixed part of the target divides that of
 * the source (whatever the variable sizes, the -1 is then a whole number).
 */
final class ReshapeRule {
  private ReshapeRule() {}

  /**
   * @param field e.g. {@code input[0]}
   * @param kind "input" (the model sees the reshape) or "output" (the model produces it)
   * @return the dimensions inside the model
   */
  static long[] check(String model, String field, String kind, TensorSpec spec, List<Long> reshape) {
    long[] modelDims = reshape.stream().mapToLong(Long::longValue).toArray();
    if (Arrays.stream(modelDims).anyMatch(d -> d == 0 || d < -1) || variables(modelDims) > 1) {
      throw new InvalidModelConfigException(model, field + ".reshape.shape", "'" + spec.name() + "' has "
          + Shapes.format(modelDims) + "; each must be > 0 or -1, with at most one -1");
    }
    boolean input = kind.equals("input");
    long[] source = input ? spec.dims() : modelDims;
    long[] target = input ? modelDims : spec.dims();
    if (!reshapeable(source, target)) {
      throw new InvalidModelConfigException(model, field + ".reshape.shape", "'" + spec.name() + "': "
          + Shapes.format(source) + " cannot always be reshaped to " + Shapes.format(target)
          + " (the element counts must match, with at most one -1 in " + Shapes.format(target) + ")");
    }
    return modelDims;
  }

  private static boolean reshapeable(long[] source, long[] target) {
    if (variables(target) > 1) {
      return false;
    }
    if (variables(target) == 0) {
      return variables(source) == 0 && fixedCount(source) == fixedCount(target);
    }
    return fixedCount(source) % fixedCount(target) == 0;
  }

  private static int variables(long[] dims) {
    return (int) Arrays.stream(dims).filter(d -> d == -1).count();
  }

  private static long fixedCount(long[] dims) {
    return Arrays.stream(dims).filter(d -> d > 0).reduce(1, Math::multiplyExact);
  }
}
