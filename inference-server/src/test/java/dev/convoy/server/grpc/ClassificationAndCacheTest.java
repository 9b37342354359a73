package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferParameter;
import dev.convoy.proto.inference.InferStatistics;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.cache.ResponseCache;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triton's classification extension and response cache, end to end on the in-process transport. */
class ClassificationAndCacheTest {
  /** Labels that are not UTF-8: BYTES answers carry them byte for byte. */
  private static final List<String> DIGIT_NAMES =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
  private static final byte[] BINARY_LABEL = {(byte) 0xFF, 0x00, (byte) 0xC3, 0x28};
  @TempDir static Path repository;
  private static InProcessInference inference;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp", "typed_identity");
    byte[] binary = java.util.Arrays.copyOf(BINARY_LABEL, BINARY_LABEL.length + 5);
    System.arraycopy("\none\n".getBytes(), 0, binary, BINARY_LABEL.length, 5);
    labelledMlp("cached_mlp", binary, true);
    labelledMlp("labelled_mlp", binary, true);
    labelledMlp("named_mlp", String.join("\n", DIGIT_NAMES).concat("\n").getBytes(), false);
    inference = new InProcessInference(repository, new OnnxRuntimeBackend(System::nanoTime), new ResponseCache(1 << 20));
  }

  /** digits_mlp with label file {@code labels}, and the response cache on when {@code cached}. */
  private static void labelledMlp(String name, byte[] labels, boolean cached) throws IOException {
    SampleModels.copyTree(repository.resolve("digits_mlp/1"), repository.resolve(name + "/1"));
    Files.writeString(repository.resolve(name + "/config.pbtxt"), """
        platform: "onnxruntime_onnx"
        max_batch_size: 8
        input [ { name: "input" data_type: TYPE_FP32 dims: [ 64 ] } ]
        output [ { name: "probabilities" data_type: TYPE_FP32 dims: [ 10 ] label_filename: "labels.bin" } ]
        """ + (cached ? "response_cache { enable: true }\n" : ""));
    Files.write(repository.resolve(name + "/labels.bin"), labels);
  }

  @AfterAll
  static void stop() {
    inference.close();
  }

  @Test
  void classification_batchOfTwo_topThreePerRowAsScoreIndexLabel() {
    float[] zero = TritonConfigFieldsTest.digit();
    ModelInferRequest.Builder raw = Requests.fp32("named_mlp", "input", TritonConfigFieldsTest.concat(zero, zero), 2, 64);
    raw.addOutputsBuilder().setName("probabilities");
    FloatBuffer probabilities = inference.blocking.modelInfer(raw.build()).getRawOutputContents(0)
        .asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();

    ModelInferResponse classified = inference.blocking.modelInfer(classify(
        Requests.fp32("named_mlp", "input", TritonConfigFieldsTest.concat(zero, zero), 2, 64), 3).build());

    ModelInferResponse.InferOutputTensor output = classified.getOutputs(0);
    assertThat(output.getDatatype()).isEqualTo("BYTES");
    assertThat(output.getShapeList()).containsExactly(2L, 3L);
    List<String> elements = strings(classified.getRawOutputContents(0));
    assertThat(elements).hasSize(6);
    assertThat(elements.get(0)).isEqualTo(String.format(Locale.ROOT, "%.9f", (double) probabilities.get(0)) + ":0:zero");
    assertThat(elements.get(3)).isEqualTo(elements.get(0));
    assertThat(elements).allMatch(e -> e.matches("\\d\\.\\d{9}:\\d:(zero|one|two|three|four|five|six|seven|eight|nine)"));
  }

  @Test
  void classification_unbatchedWithoutLabels_scoreIndexOverTheWholeTensor() {
    ByteBuffer values = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(-1).putInt(9);
    ModelInferRequest.Builder request = TypedIdentity.rawRequest();
    int index = inputIndex(request, "in_int32");
    request.setRawInputContents(index, ByteString.copyFrom(values.flip()));
    request.addOutputsBuilder().setName("out_int32")
        .putParameters("classification", InferParameter.newBuilder().setInt64Param(5).build());
    ModelInferResponse answer = inference.blocking.modelInfer(request.build());
    assertThat(answer.getOutputs(0).getShapeList()).containsExactly(3L);
    assertThat(strings(answer.getRawOutputContents(0))).containsExactly("9:2", "3:0", "-1:1");
  }

  @Test
  void classification_ofBytesOutput_invalidArgumentNamingTheOutput() {
    ModelInferRequest.Builder request = TypedIdentity.rawRequest();
    request.addOutputsBuilder().setName("out_bytes")
        .putParameters("classification", InferParameter.newBuilder().setInt64Param(1).build());
    assertThatThrownBy(() -> inference.blocking.modelInfer(request.build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("out_bytes", "classification");
        });
  }

  @Test
  void responseCache_sameInputsTwice_secondAnsweredFromCacheWithItsOwnIdAndCounted() {
    float[] zero = TritonConfigFieldsTest.digit();
    ModelInferResponse first = inference.blocking.modelInfer(
        Requests.fp32("cached_mlp", "input", zero, 1, 64).setId("first").build());
    ModelInferResponse second = inference.blocking.modelInfer(
        Requests.fp32("cached_mlp", "input", zero, 1, 64).setId("second").build());
    float[] other = zero.clone();
    other[3] = 16;
    inference.blocking.modelInfer(Requests.fp32("cached_mlp", "input", other, 1, 64).build());

    assertThat(second.getId()).isEqualTo("second");
    assertThat(second.toBuilder().setId("first").build()).isEqualTo(first);
    ModelStatistics stats = inference.blocking.modelStatistics(
        ModelStatisticsRequest.newBuilder().setName("cached_mlp").build()).getModelStats(0);
    InferStatistics infer = stats.getInferenceStats();
    assertThat(infer.getCacheHit().getCount()).isEqualTo(1);
    assertThat(infer.getCacheMiss().getCount()).isEqualTo(2);
    assertThat(infer.getSuccess().getCount()).isEqualTo(3);
    assertThat(stats.getExecutionCount()).isEqualTo(2);
    assertThat(stats.getInferenceCount()).isEqualTo(3);
  }

  @Test
  void classificationFromCache_labelBytesNotUtf8_comeBackByteIdentical() {
    float[] zero = TritonConfigFieldsTest.digit();
    ModelInferRequest request = classify(Requests.fp32("labelled_mlp", "input", zero, 1, 64), 1).build();
    List<ModelInferResponse> answers = List.of(inference.blocking.modelInfer(request), inference.blocking.modelInfer(request));
    for (ModelInferResponse answer : answers) {
      byte[] top = elements(answer.getRawOutputContents(0)).get(0);
      String prefix = new String(top, 0, top.length - BINARY_LABEL.length, java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(prefix).matches("\\d\\.\\d{9}:0:");
      assertThat(java.util.Arrays.copyOfRange(top, top.length - BINARY_LABEL.length, top.length))
          .isEqualTo(BINARY_LABEL);
    }
    assertThat(answers.get(1)).isEqualTo(answers.get(0));
  }

  private static ModelInferRequest.Builder classify(ModelInferRequest.Builder request, long count) {
    request.addOutputsBuilder().setName("probabilities")
        .putParameters("classification", InferParameter.newBuilder().setInt64Param(count).build());
    return request;
  }

  private static int inputIndex(ModelInferRequest.Builder request, String name) {
    for (int i = 0; i < request.getInputsCount(); i++) {
      if (request.getInputs(i).getName().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static List<byte[]> elements(ByteString raw) {
    ByteBuffer in = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] element = new byte[in.getInt()];
      in.get(element);
      out.add(element);
    }
    return out;
  }

  private static List<String> strings(ByteString raw) {
    return elements(raw).stream().map(e -> new String(e, java.nio.charset.StandardCharsets.UTF_8)).toList();
  }
}
