package dev.convoy.batch.output;

import com.google.gson.JsonArray;
import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferResponse.InferOutputTensor;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** An output tensor's elements as JSON values, from raw (little-endian) or typed contents. */
final class TensorValues {
  private TensorValues() {}

  static JsonArray raw(String datatype, ByteString raw) {
    ByteBuffer in = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    JsonArray out = new JsonArray();
    while (in.hasRemaining()) {
      switch (datatype) {
        case "BOOL" -> out.add(in.get() != 0);
        case "INT8" -> out.add(in.get());
        case "UINT8" -> out.add(in.get() & 0xFF);
        case "INT16" -> out.add(in.getShort());
        case "UINT16" -> out.add(in.getShort() & 0xFFFF);
        case "INT32" -> out.add(in.getInt());
        case "UINT32" -> out.add(in.getInt() & 0xFFFFFFFFL);
        case "INT64" -> out.add(in.getLong());
        case "UINT64" -> out.add(new BigInteger(Long.toUnsignedString(in.getLong())));
        case "FP16" -> out.add(halfToFloat(in.getShort()));
        case "FP32" -> out.add(in.getFloat());
        case "FP64" -> out.add(in.getDouble());
        case "BYTES" -> {
          byte[] element = new byte[in.getInt()];
          in.get(element);
          out.add(new String(element, StandardCharsets.UTF_8));
        }
        default -> throw new IllegalStateException("unknown output datatype '" + datatype + "'");
      }
    }
    return out;
  }

  static JsonArray typed(InferOutputTensor tensor) {
    InferTensorContents contents = tensor.getContents();
    JsonArray out = new JsonArray();
    switch (tensor.getDatatype()) {
      case "BOOL" -> contents.getBoolContentsList().forEach(out::add);
      case "INT8", "INT16", "INT32" -> contents.getIntContentsList().forEach(out::add);
      case "INT64" -> contents.getInt64ContentsList().forEach(out::add);
      case "UINT8", "UINT16", "UINT32" -> contents.getUintContentsList().forEach(v -> out.add(v & 0xFFFFFFFFL));
      case "UINT64" -> contents.getUint64ContentsList().forEach(v -> out.add(new BigInteger(Long.toUnsignedString(v))));
      case "FP32" -> contents.getFp32ContentsList().forEach(out::add);
      case "FP64" -> contents.getFp64ContentsList().forEach(out::add);
      case "BYTES" -> contents.getBytesContentsList().forEach(b -> out.add(b.toStringUtf8()));
      default -> throw new IllegalStateException("output '" + tensor.getName() + "' of datatype '"
          + tensor.getDatatype() + "' has no typed contents");
    }
    return out;
  }

  /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
