package dev.convoy.monitor.sample;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Helpers for score and feature vectors. */
public final class Scores {
  private Scores() {
  }

  /** Index of the largest value (the first of equals), -1 for an empty vector. */
  public static int argmax(float[] values) {
    int best = -1;
    for (int i = 0; i < values.length; i++) {
      if (best < 0 || values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Little-endian FP32 bytes, as stored. */
  public static byte[] toBytes(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  public static float[] fromBytes(byte[] bytes) {
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }
}
