package dev.convoy.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.error.InvalidModelConfigException;
import dev.convoy.server.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupPlanTest {
  private static final String MODEL = """
      name: "m"
      platform: "onnxruntime_onnx"
      max_batch_size: 16
      input [ { name: "x" data_type: TYPE_FP32 dims: [ 4 ] } ]
      output [ { name: "y" data_type: TYPE_FP32 dims: [ 2 ] } ]
      """;
  @TempDir Path modelDir;

  @Test
  void of_noModelWarmup_zeroInputsAtEachBatchSize() {
    ModelSpec spec = ModelConfigParser.parse("m", MODEL
        + "dynamic_batching { preferred_batch_size: [ 4, 8 ] }\n");
    List<WarmupPlan.Run> runs = WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes());
    assertThat(runs).extracting(r -> r.inputs().get(0).dim(0)).containsExactly(1L, 4L, 8L, 16L);
    assertThat(runs.get(3).inputs().get(0).data().remaining()).isEqualTo(16 * 4 * 4);
  }

  @Test
  void of_bytesInputWithoutModelWarmup_noGeneratedWarmup() {
    ModelSpec spec = ModelConfigParser.parse("m", """
        name: "m"
        platform: "onnxruntime_onnx"
        max_batch_size: 4
        input [ { name: "x" data_type: TYPE_FP32 dims: [ 4 ] }, { name: "s" data_type: TYPE_STRING dims: [ 1 ] } ]
        output [ { name: "y" data_type: TYPE_FP32 dims: [ 2 ] } ]
        """);
    assertThat(WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes())).isEmpty();
  }

  @Test
  void of_randomDataForString_fallsBackToZeroDataAsTriton() {
    ModelSpec spec = ModelConfigParser.parse("m", """
        name: "m"
        platform: "onnxruntime_onnx"
        max_batch_size: 0
        input [ { name: "s" data_type: TYPE_STRING dims: [ 2 ] } ]
        output [ { name: "y" data_type: TYPE_STRING dims: [ 2 ] } ]
        model_warmup [ { inputs { key: "s" value: { data_type: TYPE_STRING dims: [ 2 ] random_data: true } } } ]
        """);
    Tensor s = WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes()).get(0).inputs().get(0);
    assertThat(s.data().remaining()).isEqualTo(2 * Integer.BYTES);
  }

  @Test
  void of_configuredWarmupFromFile_readsTheFileAndCount() throws IOException {
    Files.createDirectories(modelDir.resolve("warmup"));
    Files.write(modelDir.resolve("warmup/x.bin"), new byte[2 * 4 * 4]);
    ModelSpec spec = ModelConfigParser.parse("m", MODEL + """
        model_warmup [ { name: "two rows" batch_size: 2 count: 3
          inputs { key: "x" value: { data_type: TYPE_FP32 dims: [ 4 ] input_data_file: "x.bin" } } } ]
        """);
    WarmupPlan.Run run = WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes()).get(0);
    assertThat(run.name()).isEqualTo("two rows");
    assertThat(run.count()).isEqualTo(3);
    Tensor x = run.inputs().get(0);
    assertThat(x.shape()).containsExactly(2, 4);
  }

  @Test
  void of_warmupNamesUnknownInput_failsNamingTheField() {
    ModelSpec spec = ModelConfigParser.parse("m", MODEL + """
        model_warmup [ { batch_size: 1
          inputs { key: "x" value: { data_type: TYPE_FP32 dims: [ 4 ] zero_data: true } }
          inputs { key: "nope" value: { data_type: TYPE_FP32 dims: [ 4 ] zero_data: true } } } ]
        """);
    assertThatThrownBy(() -> WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes()))
        .isInstanceOf(InvalidModelConfigException.class)
        .hasMessageContaining("model_warmup[0].inputs[\"nope\"]");
  }

  @Test
  void of_warmupWrongDims_failsNamingTheField() {
    ModelSpec spec = ModelConfigParser.parse("m", MODEL + """
        model_warmup [ { batch_size: 1
          inputs { key: "x" value: { data_type: TYPE_FP32 dims: [ 5 ] random_data: true } } } ]
        """);
    assertThatThrownBy(() -> WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes()))
        .isInstanceOf(InvalidModelConfigException.class)
        .hasMessageContaining("model_warmup[0].inputs[\"x\"].dims");
  }

  @Test
  void of_batchSizeAboveMax_failsNamingTheField() {
    ModelSpec spec = ModelConfigParser.parse("m", MODEL + """
        model_warmup [ { batch_size: 17
          inputs { key: "x" value: { data_type: TYPE_FP32 dims: [ 4 ] zero_data: true } } } ]
        """);
    assertThatThrownBy(() -> WarmupPlan.of(spec, modelDir, spec.warmupBatchSizes()))
        .isInstanceOf(InvalidModelConfigException.class).hasMessageContaining("model_warmup[0].batch_size");
  }
}
