package dev.convoy.loadtest.input;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builds one tensor's {@code raw_input_contents}, element by element. */
final class TensorBytes {

  /** Small non-negative ints fit every integer type and are valid indices for most models. */
  private static final int RANDOM_INT_BOUND = 100;

  private static final int RANDOM_TEXT_LENGTH = 8;

  private final Datatype datatype;
  private final ByteArrayOutputStream out;
  private final ByteBuffer element = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

  TensorBytes(Datatype datatype, long elements) {
    this.datatype = datatype;
    long size = datatype == Datatype.BYTES ? elements * 8 : elements * datatype.byteSize();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor of " + elements + " elements is too large");
    }
    this.out = new ByteArrayOutputStream((int) size);
  }

  /**
   * Appends an element parsed from text.
   *
   * @throws NumberFormatException when the text does not fit the datatype
   */
  void addText(String text) {
    switch (datatype) {
      case BYTES -> addBytes(text.getBytes(StandardCharsets.UTF_8));
      case BOOL -> addLong(Datatype.parseBool(text) ? 1 : 0);
      case FP16, BF16, FP32, FP64 -> addDouble(Double.parseDouble(text.trim()));
      default -> addLong(datatype.parseInteger(text));
    }
  }

  /** Appends a random element: [0, 1) for floats, [0, 100) for ints, short text for BYTES. */
  void addRandom(Random random) {
    switch (datatype) {
      case BYTES -> addBytes(randomText(random));
      case BOOL -> addLong(random.nextBoolean() ? 1 : 0);
      case FP16, BF16, FP32, FP64 -> addDouble(random.nextDouble());
      default -> addLong(random.nextInt(RANDOM_INT_BOUND));
    }
  }

  ByteString toByteString() {
    return ByteString.copyFrom(out.toByteArray());
  }

  private void addDouble(double value) {
    element.clear();
    switch (datatype) {
      case FP64 -> element.putDouble(value);
      case FP32 -> element.putFloat((float) value);
      case FP16 -> element.putShort(HalfFloats.toFp16((float) value));
      case BF16 -> element.putShort(HalfFloats.toBf16((float) value));
      default -> throw new IllegalStateException(datatype + " is not floating point");
    }
    out.write(element.array(), 0, element.position());
  }

  private void addLong(long value) {
    element.clear();
    switch (datatype.byteSize()) {
      case 1 -> element.put((byte) value);
      case 2 -> element.putShort((short) value);
      case 4 -> element.putInt((int) value);
      case 8 -> element.putLong(value);
      default -> throw new IllegalStateException(datatype + " is not a fixed-width integer");
    }
    out.write(element.array(), 0, element.position());
  }

  private void addBytes(byte[] bytes) {
    element.clear();
    element.putInt(bytes.length);
    out.write(element.array(), 0, 4);
    out.writeBytes(bytes);
  }

  private static byte[] randomText(Random random) {
    byte[] text = new byte[RANDOM_TEXT_LENGTH];
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) ('a' + random.nextInt(26));
    }
    return text;
  }
}
