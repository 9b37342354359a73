package dev.convoy.batch;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.Channel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The unary answers of digits_mlp for each row of the split, one row per ModelInfer call. */
record Reference(List<float[]> logits, List<float[]> probabilities, int[] labels) {

  static Reference unary(Channel channel) throws IOException {
    List<String> lines = Digits.lines();
    List<float[]> logits = new ArrayList<>();
    List<float[]> probabilities = new ArrayList<>();
    int[] labels = new int[lines.size() - 1];
    var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    for (int r = 1; r < lines.size(); r++) {
      String[] cells = lines.get(r).split(",");
      labels[r - 1] = Integer.parseInt(cells[0]);
      ByteBuffer raw = ByteBuffer.allocate(64 * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int c = 1; c < cells.length; c++) {
        raw.putFloat(Float.parseFloat(cells[c]));
      }
      ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
      request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
      request.addRawInputContents(ByteString.copyFrom(raw.flip()));
      ModelInferResponse response = stub.withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(request.build());
      logits.add(floats(response, "logits"));
      probabilities.add(floats(response, "probabilities"));
    }
    return new Reference(logits, probabilities, labels);
  }

  int size() {
    return labels.length;
  }

  private static float[] floats(ModelInferResponse response, String name) {
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (response.getOutputs(i).getName().equals(name)) {
        ByteBuffer raw = response.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.remaining() / 4];
        raw.asFloatBuffer().get(values);
        return values;
      }
    }
    throw new AssertionError("no output " + name);
  }
}
