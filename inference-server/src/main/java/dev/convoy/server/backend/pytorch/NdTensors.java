package dev.convoy.server.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** Converts between Convoy tensors and DJL NDArrays (little-endian bytes both ways). */
final class NdTensors {
  private NdTensors() {}

  /** An array in {@code manager}, on its device, holding a copy of the tensor's bytes. */
  static NDArray toNd(NDManager manager, Tensor tensor) {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalStateException("big-endian hosts are not supported");
    }
    ByteBuffer src = tensor.dataView();
    ByteBuffer direct = ByteBuffer.allocateDirect(src.remaining()).order(ByteOrder.nativeOrder());
    direct.put(src).flip();
    return manager.create(direct, new Shape(tensor.shape()), ndType(tensor.type()));
  }

  /** A Convoy tensor on the heap; the array may be freed afterwards. */
  static Tensor fromNd(String name, NDArray array) {
    DataType type = dataType(array.getDataType()).orElseThrow(() -> new IllegalStateException(
        "output '" + name + "' has type " + array.getDataType() + ", which Convoy cannot return"));
    ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    copy.put(bytes).flip();
    return new Tensor(name, type, array.getShape().getShape(), copy);
  }

  static ai.djl.ndarray.types.DataType ndType(DataType type) {
    return switch (type) {
      case BOOL -> ai.djl.ndarray.types.DataType.BOOLEAN;
      case UINT8 -> ai.djl.ndarray.types.DataType.UINT8;
      case INT8 -> ai.djl.ndarray.types.DataType.INT8;
      case INT16 -> ai.djl.ndarray.types.DataType.INT16;
      case INT32 -> ai.djl.ndarray.types.DataType.INT32;
      case INT64 -> ai.djl.ndarray.types.DataType.INT64;
      case FP16 -> ai.djl.ndarray.types.DataType.FLOAT16;
      case BF16 -> ai.djl.ndarray.types.DataType.BFLOAT16;
      case FP32 -> ai.djl.ndarray.types.DataType.FLOAT32;
      case FP64 -> ai.djl.ndarray.types.DataType.FLOAT64;
      case UINT16, UINT32, UINT64, BYTES -> throw new IllegalArgumentException(type + " is not a libtorch tensor type");
    };
  }

  static Optional<DataType> dataType(ai.djl.ndarray.types.DataType type) {
    return Optional.ofNullable(switch (type) {
      case BOOLEAN -> DataType.BOOL;
      case UINT8 -> DataType.UINT8;
      case INT8 -> DataType.INT8;
      case INT16 -> DataType.INT16;
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case FLOAT16 -> DataType.FP16;
      case BFLOAT16 -> DataType.BF16;
      case FLOAT32 -> DataType.FP32;
      case FLOAT64 -> DataType.FP64;
      default -> null;
    });
  }
}
