package dev.convoy.server.backend.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.convoy.server.tensor.BytesElements;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Converts between Convoy tensors and ONNX Runtime tensors. BYTES map to ONNX strings (UTF-8). */
final class OrtTensors {
  private OrtTensors() {}

  /** @param buffers where a numeric tensor's direct buffer comes from; close it after the tensor */
  static OnnxTensor toOrt(OrtEnvironment env, Tensor tensor, DirectBuffers.Lease buffers) throws OrtException {
    if (tensor.type() == DataType.BYTES) {
      List<byte[]> elements = BytesElements.decode(tensor.dataView(), tensor.elementCount(), tensor.name());
      String[] strings = elements.stream().map(e -> new String(e, StandardCharsets.UTF_8)).toArray(String[]::new);
      return OnnxTensor.createTensor(env, strings, tensor.shape());
    }
    ByteBuffer src = tensor.dataView();
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalStateException("big-endian hosts are not supported");
    }
    // A direct, native-order buffer lets the runtime use the bytes in place.
    ByteBuffer direct = buffers.take(src.remaining());
    direct.put(src).flip();
    return OnnxTensor.createTensor(env, direct, tensor.shape(), javaType(tensor.type()));
  }

  static Tensor fromOrt(String name, OnnxTensor value) throws OrtException {
    TensorInfo info = value.getInfo();
    DataType type = dataType(info.onnxType).orElseThrow(() ->
        new IllegalStateException("output '" + name + "' has unsupported type " + info.onnxType));
    long[] shape = info.getShape();
    if (type == DataType.BYTES) {
      List<byte[]> elements = new ArrayList<>();
      flattenStrings(value.getValue(), elements);
      return new Tensor(name, type, shape, BytesElements.encode(elements));
    }
    ByteBuffer bytes = value.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return new Tensor(name, type, shape, bytes);
  }

  static OnnxJavaType javaType(DataType type) {
    return switch (type) {
      case BOOL -> OnnxJavaType.BOOL;
      case UINT8 -> OnnxJavaType.UINT8;
      case INT8 -> OnnxJavaType.INT8;
      case INT16 -> OnnxJavaType.INT16;
      case INT32 -> OnnxJavaType.INT32;
      case INT64 -> OnnxJavaType.INT64;
      case FP16 -> OnnxJavaType.FLOAT16;
      case BF16 -> OnnxJavaType.BFLOAT16;
      case FP32 -> OnnxJavaType.FLOAT;
      case FP64 -> OnnxJavaType.DOUBLE;
      case BYTES -> OnnxJavaType.STRING;
      case UINT16, UINT32, UINT64 -> throw new IllegalArgumentException(type + " is not supported by ONNX Runtime's Java API");
    };
  }

  static Optional<DataType> dataType(TensorInfo.OnnxTensorType type) {
    return Optional.ofNullable(switch (type) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> DataType.UINT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> DataType.UINT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> DataType.UINT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DataType.INT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FP16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BF16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FP32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FP64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DataType.BYTES;
      default -> null;
    });
  }

  /** ONNX Runtime returns string tensors as nested Java arrays; walk them in row-major order. */
  private static void flattenStrings(Object value, List<byte[]> out) {
    if (value instanceof String s) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
      return;
    }
    for (int i = 0; i < Array.getLength(value); i++) {
      flattenStrings(Array.get(value, i), out);
    }
  }
}
