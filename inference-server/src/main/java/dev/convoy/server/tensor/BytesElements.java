package dev.convoy.server.tensor;

import dev.convoy.server.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The raw layout of BYTES tensors: each element a 4-byte little-endian length, then its bytes. */
public final class BytesElements {
  private BytesElements() {}

  public static ByteBuffer encode(List<byte[]> elements) {
    int size = elements.stream().mapToInt(e -> Integer.BYTES + e.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] element : elements) {
      out.putInt(element.length).put(element);
    }
    return out.flip();
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
      if (in.remaining() < Integer.BYTES) {
        throw malformed(tensorName, "a truncated length prefix after element " + elements.size());
      }
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        throw malformed(tensorName,
            "element " + elements.size() + " declares " + Integer.toUnsignedString(length)
                + " bytes but " + in.remaining() + " remain");
      }
      byte[] element = new byte[length];
      in.get(element);
      elements.add(element);
    }
    if (elements.size() != count) {
      throw new InvalidInputException("input '" + tensorName + "': shape needs " + count
          + " BYTES elements, raw contents hold " + elements.size());
    }
    return elements;
  }

  private static InvalidInputException malformed(String tensorName, String detail) {
    return new InvalidInputException(
        "input '" + tensorName + "': malformed BYTES raw contents: " + detail);
  }
}
