package dev.convoy.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIND_GPU where CUDA is absent: the load fails, or runs on the CPU when the config says so; a
 * group that lists no GPUs gets its count on every GPU the backend counts.
 */
class GpuPlacementTest {
  private static final String FALLBACK = "parameters { key: \"gpu_fallback\" value: { string_value: \"cpu\" } }\n";
  @TempDir Path repository;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private Path config;

  @BeforeEach
  void copyModel() {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "this machine has CUDA; the fallback is checked on CPU-only machines");
    SampleModels.copy(repository, "digits_mlp");
    config = repository.resolve("digits_mlp/config.pbtxt");
  }

  @Test
  void load_kindGpuWithoutCuda_failsNamingTheGpuAndTheFallback() throws IOException {
    useGpu("");
    assertThatThrownBy(() -> manager().load("digits_mlp"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("KIND_GPU").hasMessageContaining("CUDA").hasMessageContaining("gpu_fallback");
  }

  @Test
  void load_kindGpuWithCpuFallback_servesOnCpu() throws IOException {
    useGpu(FALLBACK);
    ModelManager manager = manager();
    manager.load("digits_mlp");
    assertThat(manager.lookup("digits_mlp", "").spec().instanceGroups().get(0).gpus()).containsExactly(0);
    assertThat(manager.entry("digits_mlp").orElseThrow().state()).isEqualTo(ModelState.READY);
    manager.close();
  }

  @Test
  void load_kindGpuWithoutGpus_placesCountInstancesOnEveryGpu() throws IOException {
    Files.writeString(config, Files.readString(config).replace("count: 1 kind: KIND_CPU", "count: 2 kind: KIND_GPU")
        + FALLBACK);
    List<Integer> placed = new CopyOnWriteArrayList<>();
    ModelBackend threeGpus = new ModelBackend() {
      private final OnnxRuntimeBackend onnx = new OnnxRuntimeBackend(System::nanoTime);

      @Override
      public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
        placed.add(gpu);
        return onnx.load(spec, versionDir, group, gpu);
      }

      @Override
      public int gpuCount() {
        return 3;
      }
    };
    ModelManager manager = manager(threeGpus);
    manager.load("digits_mlp");
    assertThat(placed).containsExactly(0, 0, 1, 1, 2, 2);
    assertThat(manager.lookup("digits_mlp", "").spec().instanceGroups().get(0).gpus()).isEmpty();
    manager.close();
  }

  @Test
  void load_kindGpuWithoutGpusOnHostWithoutGpus_triesDeviceZeroAndFails() throws IOException {
    Files.writeString(config, Files.readString(config).replace("kind: KIND_CPU", "kind: KIND_GPU"));
    assertThatThrownBy(() -> manager().load("digits_mlp"))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("device 0").hasMessageContaining("gpu_fallback");
  }

  private void useGpu(String extra) throws IOException {
    String text = Files.readString(config).replace("kind: KIND_CPU", "kind: KIND_GPU gpus: [ 0 ]");
    Files.writeString(config, text + extra);
  }

  private ModelManager manager() {
    return manager(new OnnxRuntimeBackend(System::nanoTime));
  }

  private ModelManager manager(ModelBackend backend) {
    return new ModelManager(new ModelRepository(repository), backend,
        new Timekeeping(System::nanoTime, Clock.systemUTC(), scheduler), (model, state) -> { });
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }
}
