package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.SampleModels;
import dev.convoy.server.ServerOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole held-out digits split through a real server on a loopback port, using only stubs
 * generated from the proto: the accuracy must equal what models/README.md records, exactly, for
 * the ONNX models on ONNX Runtime and their TorchScript twins on DJL's PyTorch engine alike.
 */
class EndToEndAccuracyTest {
  private static final int ROWS_PER_REQUEST = 32;
  private static InferenceServer server;
  private static ManagedChannel channel;
  private static DigitsSplit split;
  private static Map<String, int[]> recorded;

  @BeforeAll
  static void start() throws Exception {
    server = InferenceServer.start(ServerOptions.loopback(SampleModels.repository()),
        SampleModels.backends(), Clock.systemUTC());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    split = DigitsSplit.read(SampleModels.repository().resolve("data/digits_test.csv"));
    recorded = DigitsSplit.recordedAccuracy(SampleModels.repository().resolve("README.md"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @ParameterizedTest
  @CsvSource({"digits_mlp, input, 64", "digits_cnn, image, 1:8:8", "digits_wide, input, 64",
      "digits_mlp_pt, input, 64", "digits_cnn_pt, image, 1:8:8", "digits_wide_pt, input, 64"})
  void heldOutSplit_servedModel_matchesRecordedAccuracy(String model, String input, String dims) {
    GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(60, TimeUnit.SECONDS);
    int correct = 0;
    for (int start = 0; start < split.size(); start += ROWS_PER_REQUEST) {
      int rows = Math.min(ROWS_PER_REQUEST, split.size() - start);
      ModelInferResponse response = stub.modelInfer(request(model, input, dims, start, rows));
      FloatBuffer logits = response.getRawOutputContents(0).asReadOnlyByteBuffer()
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      for (int r = 0; r < rows; r++) {
        correct += argmax(logits, r * 10) == split.labels()[start + r] ? 1 : 0;
      }
    }
    assertThat(new int[] {correct, split.size()}).isEqualTo(recorded.get(model));
  }

  @ParameterizedTest
  @CsvSource({"digits_mlp, 526", "digits_cnn, 529", "digits_wide, 529"})
  void recordedAccuracy_torchScriptTwin_equalsOnnx(String model, int correct) {
    assertThat(recorded.get(model + "_pt")).containsExactly(correct, 540).isEqualTo(recorded.get(model));
  }

  private static ModelInferRequest request(String model, String input, String dims, int start, int rows) {
    ByteBuffer raw = ByteBuffer.allocate(rows * 64 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = start; r < start + rows; r++) {
      for (float pixel : split.pixels()[r]) {
        raw.putFloat(pixel);
      }
    }
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
    ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder()
        .setName(input).setDatatype("FP32").addShape(rows);
    for (String dim : dims.split(":")) {
      tensor.addShape(Long.parseLong(dim));
    }
    request.addOutputsBuilder().setName("logits");
    return request.addRawInputContents(ByteString.copyFrom(raw.flip())).build();
  }

  private static int argmax(FloatBuffer values, int offset) {
    int best = 0;
    for (int i = 1; i < 10; i++) {
      if (values.get(offset + i) > values.get(offset + best)) {
        best = i;
      }
    }
    return best;
  }
}
