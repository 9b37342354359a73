package dev.convoy.router.e2e;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Inference requests for the sample models, raw encoded. */
final class Requests {
  private Requests() {}

  /** One row of {@code features} FP32 values for a model with input {@code input}. */
  static ModelInferRequest fp32(String model, String input, long[] shape, float seed) {
    int elements = 1;
    for (long dim : shape) {
      elements *= (int) dim;
    }
    ByteBuffer raw = ByteBuffer.allocate(elements * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < elements; i++) {
      raw.putFloat((i % 17) * seed);
    }
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
    ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder().setName(input).setDatatype("FP32");
    for (long dim : shape) {
      tensor.addShape(dim);
    }
    return request.addRawInputContents(ByteString.copyFrom(raw.flip())).build();
  }

  static ModelInferRequest digitsMlp() {
    return fp32("digits_mlp", "input", new long[] {1, 64}, 0.5f);
  }

  static ModelInferRequest digitsWide() {
    return fp32("digits_wide", "input", new long[] {1, 64}, 0.25f);
  }

  static ModelInferRequest digitsCnn() {
    return fp32("digits_cnn", "image", new long[] {1, 1, 8, 8}, 0.75f);
  }
}
