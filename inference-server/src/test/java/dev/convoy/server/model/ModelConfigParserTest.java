package dev.convoy.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.SampleModels;
import dev.convoy.server.error.InvalidModelConfigException;
import dev.convoy.server.tensor.DataType;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelConfigParserTest {
  private static final String VALID = """
      name: "m"
      platform: "onnxruntime_onnx"
      max_batch_size: 8
      input [ { name: "x" data_type: TYPE_FP32 dims: [ 4 ] } ]
      output [ { name: "y" data_type: TYPE_FP32 dims: [ 2 ] } ]
      """;

  @ParameterizedTest
  @ValueSource(strings = {"digits_mlp", "digits_cnn", "digits_wide", "typed_identity",
      "digits_mlp_pt", "digits_cnn_pt", "digits_wide_pt"})
  void parse_sampleConfigs_succeed(String model) throws IOException {
    String text = Files.readString(SampleModels.repository().resolve(model).resolve("config.pbtxt"));
    ModelSpec spec = ModelConfigParser.parse(model, text);
    assertThat(spec.name()).isEqualTo(model);
    assertThat(spec.inputs()).isNotEmpty();
  }

  @Test
  void parse_minimalConfig_fillsDefaults() {
    ModelSpec spec = ModelConfigParser.parse("m", VALID);
    assertThat(spec.maxBatchSize()).isEqualTo(8);
    assertThat(spec.inputs().get(0).type()).isEqualTo(DataType.FP32);
    assertThat(spec.instanceGroups()).singleElement()
        .satisfies(g -> assertThat(g.device()).isEqualTo(InstanceGroup.Device.CPU));
    assertThat(spec.modelFileName()).isEqualTo("model.onnx");
    assertThat(spec.config().getVersionPolicy().getLatest().getNumVersions()).isEqualTo(1);
  }

  @Test
  void parse_monitorParameters_keptForTheSampler() {
    ModelSpec spec = ModelConfigParser.parse("m", VALID
        + "parameters { key: \"monitor_sample_rate\" value: { string_value: \"0.25\" } }\n");
    assertThat(new dev.convoy.server.sampling.SamplingPolicy(0).rate(spec)).isEqualTo(0.25);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown field          | optimization { priority: PRIORITY_MAX }                   | priority",
      "sequence batching      | sequence_batching { }                                     | sequence_batching",
      "ensemble               | ensemble_scheduling { }                                   | ensemble_scheduling",
      "unknown accelerator    | optimization { execution_accelerators { gpu_execution_accelerator [ { name: \"xla\" } ] } } | gpu_execution_accelerator[0].name",
      "cpu accelerator on gpu list | optimization { execution_accelerators { cpu_execution_accelerator [ { name: \"tensorrt\" } ] } } | cpu_execution_accelerator[0].name",
      "accelerator parameter  | optimization { execution_accelerators { gpu_execution_accelerator [ { name: \"tensorrt\" parameters { key: \"x\" value: \"1\" } } ] } } | parameters[\"x\"]",
      "precision mode         | optimization { execution_accelerators { gpu_execution_accelerator [ { name: \"tensorrt\" parameters { key: \"precision_mode\" value: \"INT4\" } } ] } } | precision_mode",
      "format needs 3 dims    | input [ { name: \"i\" data_type: TYPE_FP32 format: FORMAT_NCHW dims: [ 8, 8 ] } ] | input[1].format",
      "reshape count          | input [ { name: \"r\" data_type: TYPE_FP32 dims: [ 6 ] reshape: { shape: [ 4 ] } } ] | input[1].reshape.shape",
      "reshape two variables  | input [ { name: \"r\" data_type: TYPE_FP32 dims: [ 6 ] reshape: { shape: [ -1, -1 ] } } ] | input[1].reshape.shape",
      "reshape of variable    | input [ { name: \"r\" data_type: TYPE_FP32 dims: [ -1 ] reshape: { shape: [ 2, 3 ] } } ] | input[1].reshape.shape",
      "output reshape count   | output [ { name: \"o\" data_type: TYPE_FP32 dims: [ 2, 3 ] reshape: { shape: [ 5 ] } } ] | output[1].reshape.shape",
      "label file path        | output [ { name: \"o\" data_type: TYPE_FP32 dims: [ 2 ] label_filename: \"../x\" } ] | output[1].label_filename",
      "uint16 on onnxruntime  | input [ { name: \"u\" data_type: TYPE_UINT16 dims: [1] } ]  | input[1].data_type",
      "zero dim               | input [ { name: \"z\" data_type: TYPE_FP32 dims: [0] } ]   | input[1].dims",
      "duplicate input        | input [ { name: \"x\" data_type: TYPE_FP32 dims: [4] } ]   | input",
      "kind model             | instance_group [ { kind: KIND_MODEL } ]                   | instance_group[0].kind",
      "gpus on cpu            | instance_group [ { kind: KIND_CPU gpus: [0] } ]           | instance_group[0].gpus",
      "unknown parameter      | parameters { key: \"foo\" value: { string_value: \"1\" } }  | parameters[\"foo\"]",
      "bad thread count       | parameters { key: \"intra_op_thread_count\" value: { string_value: \"x\" } } | intra_op_thread_count",
      "empty specific policy  | version_policy { specific { } }                           | version_policy.specific.versions",
      "preferred above max    | dynamic_batching { preferred_batch_size: [ 16 ] }         | preferred_batch_size 16",
      "default level no levels | dynamic_batching { default_priority_level: 2 }          | default_priority_level",
      "gpu fallback value     | parameters { key: \"gpu_fallback\" value: { string_value: \"tpu\" } } | gpu_fallback",
      "sample rate above one  | parameters { key: \"monitor_sample_rate\" value: { string_value: \"2\" } } | monitor_sample_rate",
      "path in file name      | default_model_filename: \"../evil.onnx\"                  | default_model_filename",
  })
  void parse_addedInvalidField_namesTheField(String caseName, String extra, String field) {
    assertRejected(VALID + extra + "\n", field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unsupported platform | platform: \"onnxruntime_onnx\" | platform: \"tensorflow_savedmodel\" | platform",
      "unsupported backend  | platform: \"onnxruntime_onnx\" | backend: \"python\"                 | backend",
      "no platform          | platform: \"onnxruntime_onnx\" | ''                                   | platform",
      "negative batch       | max_batch_size: 8              | max_batch_size: -1                   | max_batch_size",
      "name mismatch        | name: \"m\"                    | name: \"other\"                      | name",
      "no inputs            | input [ { name: \"x\" data_type: TYPE_FP32 dims: [ 4 ] } ] | '' | input",
      "batching unbatchable | max_batch_size: 8              | dynamic_batching { }                 | dynamic_batching",
      "untyped output       | data_type: TYPE_FP32 dims: [ 2 ] | dims: [ 2 ]                       | output[0].data_type",
      "optimization pytorch | platform: \"onnxruntime_onnx\" | platform: \"pytorch_libtorch\" optimization { graph { level: 1 } } | optimization",
      "string on pytorch    | platform: \"onnxruntime_onnx\" | platform: \"pytorch_libtorch\" input [ { name: \"s\" data_type: TYPE_STRING dims: [1] } ] | input[0].data_type",
      "backend disagrees    | platform: \"onnxruntime_onnx\" | platform: \"onnxruntime_onnx\" backend: \"pytorch\" | backend",
      "negative gpu         | max_batch_size: 8              | max_batch_size: 8 instance_group [ { kind: KIND_GPU gpus: [ -1 ] } ] | instance_group[0].gpus",
  })
  void parse_replacedInvalidField_namesTheField(String caseName, String from, String to, String field) {
    assertThat(VALID).contains(from);
    assertRejected(VALID.replace(from, to), field);
  }

  @Test
  void parse_tritonTensorFields_keptWithTheirMeaning() {
    ModelSpec spec = ModelConfigParser.parse("m", VALID + """
        input [ { name: "img" data_type: TYPE_FP32 format: FORMAT_NHWC dims: [ 8, 8, 1 ] reshape: { shape: [ -1 ] } } ]
        output [ { name: "p" data_type: TYPE_FP32 dims: [ 2, 5 ] reshape: { shape: [ 10 ] } label_filename: "labels.txt" } ]
        optimization { graph { level: -1 }
          execution_accelerators { gpu_execution_accelerator [ { name: "tensorrt"
            parameters { key: "precision_mode" value: "FP16" } } ] cpu_execution_accelerator [ { name: "openvino" } ] } }
        response_cache { enable: true }
        """);
    TensorSpec image = spec.input("img").orElseThrow();
    assertThat(image.modelDims()).containsExactly(-1);
    assertThat(image.reshaped()).isTrue();
    TensorSpec p = spec.output("p").orElseThrow();
    assertThat(p.dims()).containsExactly(2, 5);
    assertThat(p.modelDims()).containsExactly(10);
    assertThat(p.labelFile()).isEqualTo("labels.txt");
    assertThat(spec.input("x").orElseThrow().reshaped()).isFalse();
    assertThat(spec.config().getInput(1).getFormat()).isEqualTo(dev.convoy.proto.inference.ModelInput.Format.FORMAT_NHWC);
    assertThat(spec.config().getResponseCache().getEnable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform: \"pytorch_libtorch\"", "backend: \"pytorch\""})
  void parse_torchScript_servesModelPtOnPyTorch(String platform) {
    ModelSpec spec = ModelConfigParser.parse("m", VALID.replace("platform: \"onnxruntime_onnx\"", platform));
    assertThat(spec.runtime()).isEqualTo(Platform.PYTORCH);
    assertThat(spec.modelFileName()).isEqualTo("model.pt");
    assertThat(spec.config().getPlatform()).isEqualTo("pytorch_libtorch");
  }

  @Test
  void parse_tritonPyTorchThreadParameter_readAsConvoys() {
    ModelSpec spec = ModelConfigParser.parse("m", VALID.replace("onnxruntime_onnx", "pytorch_libtorch")
        + "parameters { key: \"INTRA_OP_THREAD_COUNT\" value: { string_value: \"2\" } }\n");
    assertThat(spec.backendParameters()).containsEntry("intra_op_thread_count", "2");
  }

  @Test
  void parse_kindGpuWithoutGpus_leavesThePlacementToEveryGpu() {
    ModelSpec spec = ModelConfigParser.parse("m", VALID + "instance_group [ { count: 2 kind: KIND_GPU } ]\n");
    assertThat(spec.instanceGroups()).singleElement().satisfies(g -> {
      assertThat(g.device()).isEqualTo(InstanceGroup.Device.GPU);
      assertThat(g.gpus()).isEmpty();
      assertThat(g.count()).isEqualTo(2);
    });
  }

  private static void assertRejected(String text, String field) {
    assertThatThrownBy(() -> ModelConfigParser.parse("m", text))
        .isInstanceOf(InvalidModelConfigException.class)
        .hasMessageContaining("'m'")
        .hasMessageContaining(field);
  }
}
