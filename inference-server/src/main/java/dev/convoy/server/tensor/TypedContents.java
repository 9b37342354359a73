package dev.convoy.server.tensor;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.server.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts the protocol's typed {@link InferTensorContents} of a request into the raw layout.
 * Each datatype has exactly one typed field; FP16 and BF16 have none and must travel raw.
 * Answers always travel raw, as Triton's do.
 */
public final class TypedContents {
  private TypedContents() {}

  /** Raw little-endian bytes for {@code count} elements of {@code type} held in {@code contents}. */
  public static ByteBuffer toRaw(String name, DataType type, long count, InferTensorContents contents) {
    int held = heldCount(type, contents, name);
    if (held != count) {
      throw new InvalidInputException("input '" + name + "': shape needs " + count + " elements, "
          + fieldName(type) + " holds " + held);
    }
    if (type == DataType.BYTES) {
      return bytesToRaw(name, contents);
    }
    ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(held, type.elementSize())).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < held; i++) {
      putElement(out, type, contents, i);
    }
    return out.flip();
  }

  /** Lays typed BYTES out raw, straight from the message's strings: no copy per element. */
  private static ByteBuffer bytesToRaw(String name, InferTensorContents contents) {
    long size = 0;
    for (int i = 0; i < contents.getBytesContentsCount(); i++) {
      size += Integer.BYTES + contents.getBytesContents(i).size();
    }
    if (size > Integer.MAX_VALUE) {
      throw new InvalidInputException("input '" + name + "': bytes_contents take " + size
          + " bytes laid out, more than one tensor may hold");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    for (ByteString element : contents.getBytesContentsList()) {
      out.putInt(element.size());
      element.copyTo(out);
    }
    return out.flip();
  }

  /** The typed field that carries {@code type}, as the protocol names it. */
  public static String fieldName(DataType type) {
    return switch (type) {
      case BOOL -> "bool_contents";
      case INT8, INT16, INT32 -> "int_contents";
      case INT64 -> "int64_contents";
      case UINT8, UINT16, UINT32 -> "uint_contents";
      case UINT64 -> "uint64_contents";
      case FP32 -> "fp32_contents";
      case FP64 -> "fp64_contents";
      case BYTES -> "bytes_contents";
      case FP16, BF16 -> "raw_input_contents (" + type + " has no typed field)";
    };
  }

  private static int heldCount(DataType type, InferTensorContents c, String name) {
    int own = switch (type) {
      case BOOL -> c.getBoolContentsCount();
      case INT8, INT16, INT32 -> c.getIntContentsCount();
      case INT64 -> c.getInt64ContentsCount();
      case UINT8, UINT16, UINT32 -> c.getUintContentsCount();
      case UINT64 -> c.getUint64ContentsCount();
      case FP32 -> c.getFp32ContentsCount();
      case FP64 -> c.getFp64ContentsCount();
      case BYTES -> c.getBytesContentsCount();
      case FP16, BF16 -> throw new InvalidInputException(
          "input '" + name + "': " + type + " data must be sent in raw_input_contents");
    };
    int all = c.getBoolContentsCount() + c.getIntContentsCount() + c.getInt64ContentsCount()
        + c.getUintContentsCount() + c.getUint64ContentsCount() + c.getFp32ContentsCount()
        + c.getFp64ContentsCount() + c.getBytesContentsCount();
    if (all != own) {
      throw new InvalidInputException("input '" + name + "': datatype " + type
          + " must use contents." + fieldName(type) + " only");
    }
    return own;
  }

  private static void putElement(ByteBuffer out, DataType type, InferTensorContents c, int i) {
    switch (type) {
      case BOOL -> out.put((byte) (c.getBoolContents(i) ? 1 : 0));
      case INT8 -> out.put((byte) c.getIntContents(i));
      case INT16 -> out.putShort((short) c.getIntContents(i));
      case INT32 -> out.putInt(c.getIntContents(i));
      case INT64 -> out.putLong(c.getInt64Contents(i));
      case UINT8 -> out.put((byte) c.getUintContents(i));
      case UINT16 -> out.putShort((short) c.getUintContents(i));
      case UINT32 -> out.putInt(c.getUintContents(i));
      case UINT64 -> out.putLong(c.getUint64Contents(i));
      case FP32 -> out.putFloat(c.getFp32Contents(i));
      case FP64 -> out.putDouble(c.getFp64Contents(i));
      default -> throw new IllegalArgumentException("no typed field for " + type);
    }
  }
}
