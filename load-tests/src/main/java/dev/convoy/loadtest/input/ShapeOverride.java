package dev.convoy.loadtest.input;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --input-shape [NAME=]d1,d2,...}: a concrete shape for one input, replacing what the
 * metadata says. Without a name it applies to the first input.
 *
 * @param name the input, or null for the first one
 * @param shape positive dimensions
 */
public record ShapeOverride(String name, List<Long> shape) {

  public ShapeOverride {
    shape = List.copyOf(shape);
  }

  /**
   * Parses {@code NAME=1,64} or {@code 1,64}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong
   */
  public static ShapeOverride parse(String text) {
    int equals = text.indexOf('=');
    String name = equals < 0 ? null : text.substring(0, equals).trim();
    String dims = equals < 0 ? text : text.substring(equals + 1);
    if (name != null && name.isEmpty()) {
      throw new IllegalArgumentException("--input-shape '" + text + "' has an empty input name");
    }
    List<Long> shape = new ArrayList<>();
    for (String dim : dims.split(",", -1)) {
      try {
        long value = Long.parseLong(dim.trim());
        if (value < 1) {
          throw new NumberFormatException();
        }
        shape.add(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--input-shape '" + text + "': dimensions must be positive integers separated by"
                + " commas, e.g. 1,64");
      }
    }
    return new ShapeOverride(name, shape);
  }
}
