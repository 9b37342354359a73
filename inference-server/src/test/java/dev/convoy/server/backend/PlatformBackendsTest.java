package dev.convoy.server.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PlatformBackendsTest {
  private static final InstanceGroup CPU = new InstanceGroup("cpu", InstanceGroup.Device.CPU, 1, List.of());

  @Test
  void load_onnxModel_startsOnlyTheOnnxBackendOnce() throws IOException {
    AtomicInteger onnxStarts = new AtomicInteger();
    AtomicInteger torchStarts = new AtomicInteger();
    Map<Platform, Supplier<ModelBackend>> factories = Map.of(
        Platform.ONNX, () -> {
          onnxStarts.incrementAndGet();
          return new OnnxRuntimeBackend(System::nanoTime);
        },
        Platform.PYTORCH, () -> {
          torchStarts.incrementAndGet();
          throw new AssertionError("no TorchScript model was loaded");
        });
    PlatformBackends backends = new PlatformBackends(factories, () -> 2);
    for (int i = 0; i < 2; i++) {
      backends.load(spec("digits_mlp"), SampleModels.repository().resolve("digits_mlp/1"), CPU, -1).close();
    }
    assertThat(onnxStarts).hasValue(1);
    assertThat(torchStarts).hasValue(0);
    assertThat(backends.gpuCount()).isEqualTo(2);
  }

  @Test
  void load_platformNotServed_failsNamingIt() throws IOException {
    PlatformBackends onnxOnly = new PlatformBackends(
        Map.of(Platform.ONNX, () -> new OnnxRuntimeBackend(System::nanoTime)), () -> 0);
    assertThatThrownBy(() -> onnxOnly.load(spec("digits_mlp_pt"), SampleModels.repository().resolve("digits_mlp_pt/1"), CPU, -1))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("pytorch_libtorch").hasMessageContaining("digits_mlp_pt");
  }

  private static ModelSpec spec(String model) throws IOException {
    return ModelConfigParser.parse(model, Files.readString(SampleModels.repository().resolve(model).resolve("config.pbtxt")));
  }
}
