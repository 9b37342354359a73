package dev.convoy.loadtest.input;

/** float to 16-bit floats (Java 17 has no {@code Float.floatToFloat16}). */
final class HalfFloats {

  private HalfFloats() {}

  /** IEEE 754 binary16, rounded to nearest; overflow becomes infinity. */
  static short toFp16(float value) {
    int bits = Float.floatToIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int magnitude = bits & 0x7fff_ffff;
    int rounded = magnitude + 0x1000;
    if (magnitude >= 0x7f80_0000) { // Inf or NaN: keep NaN payload bits non-zero
      return (short) (sign | 0x7c00 | (magnitude > 0x7f80_0000 ? 0x200 : 0));
    }
    if (rounded >= 0x4780_0000) { // beyond the largest half (65504)
      return (short) (sign | 0x7c00);
    }
    if (rounded >= 0x3880_0000) { // normal half: rebias exponent 127 -> 15
      return (short) (sign | ((rounded - 0x3800_0000) >>> 13));
    }
    if (rounded < 0x3300_0000) { // below half the smallest subnormal
      return (short) sign;
    }
    int exponent = magnitude >>> 23;
    int mantissa = (magnitude & 0x7f_ffff) | 0x80_0000;
    return (short) (sign | ((mantissa + (0x80_0000 >>> (exponent - 102))) >>> (126 - exponent)));
  }

  /** bfloat16: the top half of the float, rounded to nearest even. */
  static short toBf16(float value) {
    int bits = Float.floatToIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int roundingBias = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }
}
