package dev.convoy.monitor.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch's columns are packed into one binary value each: strings as a 4-byte
 * little-endian UTF-8 length and the bytes, numbers as little-endian 64-bit or FP32 values
 * one after the other.
 */
final class Columns {
  private Columns() {}

  static byte[] strings(List<String> values) {
    List<byte[]> encoded = new ArrayList<>(values.size());
    int size = 0;
    for (String value : values) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      encoded.add(bytes);
      size += Integer.BYTES + bytes.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] bytes : encoded) {
      out.putInt(bytes.length).put(bytes);
    }
    return out.array();
  }

  static List<String> strings(byte[] packed) {
    ByteBuffer in = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
    List<String> values = new ArrayList<>();
    while (in.hasRemaining()) {
      int length = in.getInt();
      values.add(new String(packed, in.position(), length, StandardCharsets.UTF_8));
      in.position(in.position() + length);
    }
    return values;
  }

  static byte[] longs(long[] values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.asLongBuffer().put(values);
    return out.array();
  }

  static long[] longs(byte[] packed) {
    long[] values = new long[packed.length / Long.BYTES];
    ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
    return values;
  }
}
