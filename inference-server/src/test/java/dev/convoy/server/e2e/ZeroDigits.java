package dev.convoy.server.e2e;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;

/** One digits_mlp row of zeros: a valid request whose answer the tests do not read. */
final class ZeroDigits {
  private ZeroDigits() {}

  static ModelInferRequest request() {
    return request("");
  }

  static ModelInferRequest request(String id) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp").setId(id);
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
    return request.addRawInputContents(ByteString.copyFrom(new byte[64 * Float.BYTES])).build();
  }
}
