package dev.convoy.server.grpc;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small builders for inference requests in tests. */
final class Requests {
  private Requests() {}

  /** A digits_mlp request of {@code rows} all-zero rows, raw encoded. */
  static ModelInferRequest.Builder digitsMlp(int rows) {
    return fp32("digits_mlp", "input", new float[rows * 64], rows, 64);
  }

  static ModelInferRequest.Builder fp32(String model, String input, float[] values, long... shape) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
    ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder().setName(input).setDatatype("FP32");
    for (long dim : shape) {
      tensor.addShape(dim);
    }
    return request.addRawInputContents(ByteString.copyFrom(raw.flip()));
  }
}
