package dev.convoy.server.tensor;

import com.google.protobuf.UnsafeByteOperations;
import dev.convoy.server.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw layout of BYTES tensors: each element a 4-byte little-endian length, then its bytes.
 *
 * <p>Elements are arbitrary bytes and stay bytes end to end. {@link #check} validates a buffer
 * by scanning it, without a Java object per element: a request of millions of tiny elements
 * costs no more heap than its bytes. Only the runtime builds per-element objects
 * ({@link #decode}), for requests the memory budget has admitted.
 */
public final class BytesElements {
  private BytesElements() {}

  public static ByteBuffer encode(List<byte[]> elements) {
    long size = 0;
    for (byte[] element : elements) {
      size += Integer.BYTES + element.length;
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] element : elements) {
      out.putInt(element.length).put(element);
    }
    return out.flip();
  }

  /**
   * Checks that raw BYTES data holds exactly {@code count} well-formed elements, allocating
   * nothing per element. Elements are bytes, not text: any content is accepted.
   *
   * @param tensorName named in the error when the data is malformed
   * @throws InvalidInputException naming the tensor, the element and the problem
   */
  public static void check(ByteBuffer raw, long count, String tensorName) {
    ByteBuffer in = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long seen = 0;
    while (in.hasRemaining()) {
      int length = nextLength(in, seen, tensorName);
      in.position(in.position() + length);
      seen++;
    }
    requireCount(tensorName, count, seen);
  }

  /**
   * Checks that every element of a BYTES tensor is valid UTF-8, for a runtime that can only
   * carry text.
   *
   * @param why the runtime's reason, appended to the error
   * @throws InvalidInputException naming the tensor and the first element that is not UTF-8
   */
  public static void requireUtf8(Tensor tensor, String why) {
    ByteBuffer in = tensor.dataView();
    for (long index = 0; in.hasRemaining(); index++) {
      int length = in.getInt();
      if (!isUtf8(in, length)) {
        throw new InvalidInputException("input '" + tensor.name() + "': BYTES element " + index
            + " is not valid UTF-8; " + why);
      }
      in.position(in.position() + length);
    }
  }

  /**
   * Splits raw BYTES data into its elements, checking that it holds exactly {@code count}.
   *
   * @param tensorName named in the error when the data is malformed
   */
  public static List<byte[]> decode(ByteBuffer raw, long count, String tensorName) {
    ByteBuffer in = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> elements = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] element = new byte[nextLength(in, elements.size(), tensorName)];
      in.get(element);
      elements.add(element);
    }
    requireCount(tensorName, count, elements.size());
    return elements;
  }

  /** Reads the next length prefix and checks that its element fits in what remains. */
  private static int nextLength(ByteBuffer in, long index, String tensorName) {
    if (in.remaining() < Integer.BYTES) {
      throw malformed(tensorName, "a truncated length prefix after element " + index);
    }
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw malformed(tensorName, "element " + index + " declares " + Integer.toUnsignedString(length)
          + " bytes but " + in.remaining() + " remain");
    }
    return length;
  }

  /** ASCII is checked in place; only an element with other bytes is wrapped for the full check. */
  private static boolean isUtf8(ByteBuffer in, int length) {
    int start = in.position();
    for (int i = start; i < start + length; i++) {
      if (in.get(i) < 0) {
        return UnsafeByteOperations.unsafeWrap(in.slice(start, length)).isValidUtf8();
      }
    }
    return true;
  }

  private static void requireCount(String tensorName, long count, long held) {
    if (held != count) {
      throw new InvalidInputException("input '" + tensorName + "': shape needs " + count
          + " BYTES elements, raw contents hold " + held);
    }
  }

  private static InvalidInputException malformed(String tensorName, String detail) {
    return new InvalidInputException(
        "input '" + tensorName + "': malformed BYTES raw contents: " + detail);
  }
}
