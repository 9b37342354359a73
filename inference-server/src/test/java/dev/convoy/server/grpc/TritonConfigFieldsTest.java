package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelInput;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triton config fields with their meaning: reshape, format, graph level, accelerators. */
class TritonConfigFieldsTest {
  @TempDir static Path repository;
  private static InProcessInference inference;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_cnn", "digits_mlp");
    // The CNN fed flat rows of 64 and answering probabilities as 2 x 5: reshape both ways.
    SampleModels.copyTree(repository.resolve("digits_cnn/1"), repository.resolve("flat_cnn/1"));
    Files.writeString(repository.resolve("flat_cnn/config.pbtxt"), """
        platform: "onnxruntime_onnx"
        max_batch_size: 8
        input [ { name: "image" data_type: TYPE_FP32 dims: [ 64 ] reshape: { shape: [ 1, 8, -1 ] } } ]
        output [ { name: "probabilities" data_type: TYPE_FP32 dims: [ 2, 5 ] reshape: { shape: [ 10 ] } } ]
        """);
    SampleModels.copyTree(repository.resolve("digits_cnn/1"), repository.resolve("nchw_cnn/1"));
    Files.writeString(repository.resolve("nchw_cnn/config.pbtxt"), """
        platform: "onnxruntime_onnx"
        max_batch_size: 8
        input [ { name: "image" data_type: TYPE_FP32 format: FORMAT_NCHW dims: [ 1, 8, 8 ] } ]
        output [ { name: "probabilities" data_type: TYPE_FP32 dims: [ 10 ] } ]
        optimization { graph { level: -1 } }
        """);
    copyMlp("openvino_strict", "");
    copyMlp("openvino_fallback", "parameters { key: \"gpu_fallback\" value: { string_value: \"cpu\" } }\n");
    inference = new InProcessInference(repository, new OnnxRuntimeBackend(System::nanoTime));
  }

  private static void copyMlp(String name, String extra) throws IOException {
    SampleModels.copyTree(repository.resolve("digits_mlp/1"), repository.resolve(name + "/1"));
    Files.writeString(repository.resolve(name + "/config.pbtxt"), """
        platform: "onnxruntime_onnx"
        max_batch_size: 8
        input [ { name: "input" data_type: TYPE_FP32 dims: [ 64 ] } ]
        output [ { name: "probabilities" data_type: TYPE_FP32 dims: [ 10 ] } ]
        optimization { execution_accelerators { cpu_execution_accelerator [ { name: "openvino" } ] } }
        """ + extra);
  }

  @AfterAll
  static void stop() {
    inference.close();
  }

  @Test
  void reshape_flatRowsIntoTheCnn_sameProbabilitiesAsTheImageShapeInClientDims() {
    float[] pixels = digit();
    ModelInferRequest.Builder direct = Requests.fp32("digits_cnn", "image", concat(pixels, pixels), 2, 1, 8, 8);
    direct.addOutputsBuilder().setName("probabilities");
    ModelInferResponse expected = inference.blocking.modelInfer(direct.build());

    ModelInferResponse reshaped = inference.blocking.modelInfer(
        Requests.fp32("flat_cnn", "image", concat(pixels, pixels), 2, 64).build());

    assertThat(reshaped.getOutputs(0).getShapeList()).containsExactly(2L, 2L, 5L);
    assertThat(reshaped.getRawOutputContents(0)).isEqualTo(expected.getRawOutputContents(0));
  }

  @Test
  void formatAndGraphLevel_loadAndServe_formatReportedInModelConfig() {
    ModelInferResponse answer = inference.blocking.modelInfer(
        Requests.fp32("nchw_cnn", "image", digit(), 1, 1, 8, 8).build());
    FloatBuffer probabilities = answer.getRawOutputContents(0).asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    assertThat(argmax(probabilities)).isZero();
    assertThat(inference.blocking.modelConfig(ModelConfigRequest.newBuilder().setName("nchw_cnn").build())
        .getConfig().getInput(0).getFormat()).isEqualTo(ModelInput.Format.FORMAT_NCHW);
  }

  @Test
  void cpuAccelerator_unavailableHere_failsNamingItOrFallsBackWhenAsked() {
    RepositoryIndexResponse index = inference.blocking.repositoryIndex(RepositoryIndexRequest.getDefaultInstance());
    RepositoryIndexResponse.ModelIndex strict = model(index, "openvino_strict");
    assertThat(strict.getState()).isEqualTo("UNAVAILABLE");
    assertThat(strict.getReason()).contains("cpu_execution_accelerator[0]", "OpenVINO", "gpu_fallback");
    assertThat(model(index, "openvino_fallback").getState()).isEqualTo("READY");
    ModelInferResponse answer = inference.blocking.modelInfer(
        Requests.fp32("openvino_fallback", "input", digit(), 1, 64).build());
    assertThat(argmax(answer.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer())).isZero();
  }

  private static RepositoryIndexResponse.ModelIndex model(RepositoryIndexResponse index, String name) {
    return index.getModelsList().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The README's zero digit. */
  static float[] digit() {
    return new float[] {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0,
        0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0,
        0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0};
  }

  static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static int argmax(FloatBuffer values) {
    int best = 0;
    for (int i = 1; i < values.limit(); i++) {
      best = values.get(i) > values.get(best) ? i : best;
    }
    return best;
  }
}
