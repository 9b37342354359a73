package dev.convoy.server.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PyTorch backend on its own: loading, failing to load, placement, and memory over many runs. */
class PyTorchBackendTest {
  private static final List<String> OUTPUTS = List.of("logits", "probabilities");
  private final PyTorchBackend backend = new PyTorchBackend(PyTorchSettings.defaults(), System::nanoTime);
  @TempDir Path repository;

  @Test
  void run_digitsBatch_returnsBothOutputsTimed() {
    try (ModelInstance instance = load("digits_mlp_pt", "")) {
      Execution execution = instance.run(List.of(zeros("input", 3, 64)), OUTPUTS);
      assertThat(execution.outputs()).extracting(Tensor::name).containsExactlyElementsOf(OUTPUTS);
      assertThat(execution.outputs().get(1).shape()).containsExactly(3, 10);
      assertThat(execution.outputs().get(1).type()).isEqualTo(DataType.FP32);
      assertThat(execution.inputNanos()).isNotNegative();
      assertThat(execution.inferNanos()).isPositive();
      assertThat(instance.device()).isEqualTo("cpu");
    }
  }

  @Test
  void run_manyBatches_nativeMemoryStaysFlat() throws IOException {
    try (ModelInstance instance = load("digits_wide_pt", "")) {
      Tensor batch = zeros("input", 128, 64);
      for (int i = 0; i < 50; i++) {
        instance.run(List.of(batch), OUTPUTS);
      }
      long before = residentBytes();
      // Each run allocates ~1.2 MB of activations: a leak would grow by over 500 MB.
      for (int i = 0; i < 500; i++) {
        instance.run(List.of(batch), OUTPUTS);
      }
      assertThat(residentBytes() - before).isLessThan(200L << 20);
    }
  }

  @Test
  void run_wrongShape_failsWithLibtorchsReason() {
    try (ModelInstance instance = load("digits_mlp_pt", "")) {
      assertThatThrownBy(() -> instance.run(List.of(zeros("input", 2, 63)), OUTPUTS))
          .isInstanceOf(BackendException.class).hasMessageStartingWith("PyTorch failed: ")
          .hasMessageContaining("63");
    }
  }

  @Test
  void load_missingFile_namesIt() throws IOException {
    SampleModels.copy(repository, "digits_mlp_pt");
    Files.delete(repository.resolve("digits_mlp_pt/1/model.pt"));
    assertThatThrownBy(() -> backend.load(spec("digits_mlp_pt", ""), repository.resolve("digits_mlp_pt/1"), cpu(), -1))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("1/model.pt not found");
  }

  @Test
  void load_kindGpuWithoutCuda_failsNamingTheFallback() {
    ModelSpec spec = spec("digits_mlp_pt", "");
    assertThatThrownBy(() -> backend.load(spec, versionDir("digits_mlp_pt"), gpu(), 0))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("KIND_GPU").hasMessageContaining("gpu_fallback");
  }

  @Test
  void load_kindGpuWithCpuFallback_runsOnCpu() {
    ModelSpec spec = spec("digits_mlp_pt", "parameters { key: \"gpu_fallback\" value: { string_value: \"cpu\" } }\n");
    try (ModelInstance instance = backend.load(spec, versionDir("digits_mlp_pt"), gpu(), 0)) {
      assertThat(instance.device()).isEqualTo("cpu");
    }
  }

  @Test
  void load_interOpThreadsUnlikeTheEngine_refusedNamingTheOption() {
    ModelSpec spec = spec("digits_mlp_pt", "parameters { key: \"inter_op_thread_count\" value: { string_value: \"4\" } }\n");
    assertThatThrownBy(() -> backend.load(spec, versionDir("digits_mlp_pt"), cpu(), -1))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("--pytorch-inter-op-threads");
  }

  @Test
  void load_indexedNamesWithAGap_refused() {
    ModelSpec spec = ModelConfigParser.parse("m", """
        platform: "pytorch_libtorch"
        max_batch_size: 8
        input [ { name: "INPUT__1" data_type: TYPE_FP32 dims: [ 64 ] } ]
        output [ { name: "OUTPUT__0" data_type: TYPE_FP32 dims: [ 10 ] } ]
        """);
    assertThatThrownBy(() -> backend.load(spec, versionDir("digits_mlp_pt"), cpu(), -1))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("INPUT__1").hasMessageContaining("0..0");
  }

  private ModelInstance load(String model, String extraConfig) {
    return backend.load(spec(model, extraConfig), versionDir(model), cpu(), -1);
  }

  private static ModelSpec spec(String model, String extraConfig) {
    try {
      String text = Files.readString(SampleModels.repository().resolve(model).resolve("config.pbtxt"));
      return ModelConfigParser.parse(model, text + extraConfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path versionDir(String model) {
    return SampleModels.repository().resolve(model).resolve("1");
  }

  private static InstanceGroup cpu() {
    return new InstanceGroup("cpu", InstanceGroup.Device.CPU, 1, List.of());
  }

  private static InstanceGroup gpu() {
    return new InstanceGroup("gpu", InstanceGroup.Device.GPU, 1, List.of(0));
  }

  private static Tensor zeros(String name, int rows, int columns) {
    ByteBuffer data = ByteBuffer.allocate(rows * columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    return new Tensor(name, DataType.FP32, new long[] {rows, columns}, data);
  }

  /** The process's resident set, which native allocations count in. */
  private static long residentBytes() throws IOException {
    String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
    return Long.parseLong(line.replaceAll("\\D", "")) << 10;
  }
}
