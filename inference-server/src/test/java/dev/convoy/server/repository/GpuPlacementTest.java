package dev.convoy.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.error.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KIND_GPU where CUDA is absent: the load fails, or runs on the CPU when the config says so. */
class GpuPlacementTest {
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
    useGpu("parameters { key: \"gpu_fallback\" value: { string_value: \"cpu\" } }\n");
    ModelManager manager = manager();
    manager.load("digits_mlp");
    assertThat(manager.lookup("digits_mlp", "").spec().instanceGroups().get(0).gpus()).containsExactly(0);
    assertThat(manager.entry("digits_mlp").orElseThrow().state()).isEqualTo(ModelState.READY);
    manager.close();
  }

  private void useGpu(String extra) throws IOException {
    String text = Files.readString(config).replace("kind: KIND_CPU", "kind: KIND_GPU gpus: [ 0 ]");
    Files.writeString(config, text + extra);
  }

  private ModelManager manager() {
    return new ModelManager(new ModelRepository(repository), new OnnxRuntimeBackend(System::nanoTime),
        new Timekeeping(System::nanoTime, Clock.systemUTC(), scheduler), (model, state) -> { });
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }
}
