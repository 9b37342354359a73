package dev.convoy.loadtest.input;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * The protocol's tensor datatypes and how one element is laid out in
 * {@code raw_input_contents}: little-endian, fixed width, except BYTES (a 4-byte length, then
 * the bytes).
 */
public enum Datatype {
  BOOL(1, 0, 1),
  UINT8(1, 0, 0xFFL),
  UINT16(2, 0, 0xFFFFL),
  UINT32(4, 0, 0xFFFF_FFFFL),
  UINT64(8, 0, Long.MAX_VALUE),
  INT8(1, Byte.MIN_VALUE, Byte.MAX_VALUE),
  INT16(2, Short.MIN_VALUE, Short.MAX_VALUE),
  INT32(4, Integer.MIN_VALUE, Integer.MAX_VALUE),
  INT64(8, Long.MIN_VALUE, Long.MAX_VALUE),
  FP16(2, 0, 0),
  BF16(2, 0, 0),
  FP32(4, 0, 0),
  FP64(8, 0, 0),
  BYTES(0, 0, 0);

  private final int byteSize;
  private final long min;
  private final long max;

  Datatype(int byteSize, long min, long max) {
    this.byteSize = byteSize;
    this.min = min;
    this.max = max;
  }

  /** The datatype a protocol name (e.g. {@code FP32}) stands for, if any. */
  public static Optional<Datatype> of(String name) {
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Bytes per element; 0 for BYTES, whose elements vary in size. */
  public int byteSize() {
    return byteSize;
  }

  /**
   * Parses a whole number for an integer type.
   *
   * @throws NumberFormatException when the text is not a whole number in range
   */
  long parseInteger(String text) {
    long value;
    try {
      value = new BigDecimal(text.trim()).longValueExact();
    } catch (ArithmeticException e) {
      throw new NumberFormatException("'" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new NumberFormatException("'" + text + "' is out of range for " + this);
    }
    return value;
  }

  /**
   * Parses a boolean: {@code true}/{@code false} or {@code 1}/{@code 0}.
   *
   * @throws NumberFormatException otherwise
   */
  static boolean parseBool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "1.0" -> true;
      case "false", "0", "0.0" -> false;
      default -> throw new NumberFormatException("'" + text + "' is not a boolean");
    };
  }
}
