package dev.convoy.server.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models whose weights are external data: read when they sit beside the model, refused
 * (before any byte is read) when their location leads out of the model's directory. ONNX
 * Runtime does the refusing (see {@link OnnxRuntimeBackend#load}); these tests pin it, so a
 * runtime that stopped doing so would fail here. Each outside file holds valid weights, so
 * only the check stands between it and being served.
 */
class OnnxExternalDataTest {
  private static final InstanceGroup CPU = new InstanceGroup("cpu", InstanceGroup.Device.CPU, 1, List.of());
  @TempDir Path dir;
  private final OnnxRuntimeBackend backend = new OnnxRuntimeBackend(System::nanoTime);
  private Path versionDir;
  private Path outside;

  @BeforeEach
  void layOut() throws IOException {
    versionDir = Files.createDirectories(dir.resolve("repository/external_add/1"));
    outside = dir.resolve("outside.bin");
    Files.write(outside, ExternalDataModels.weights(1, 2, 3, 4));
  }

  @Test
  void load_externalDataBesideTheModel_readsIt() throws IOException {
    Files.write(versionDir.resolve("weights.bin"), ExternalDataModels.weights(10, 20, 30, 40));
    ExternalDataModels.write(versionDir.resolve("model.onnx"), "weights.bin", false);
    try (ModelInstance instance = backend.load(spec(), versionDir, CPU, -1)) {
      assertThat(run(instance, 1, 1, 1, 1)).containsExactly(11, 21, 31, 41);
    }
  }

  @Test
  void load_externalDataDotDotOutside_refused() {
    ExternalDataModels.write(versionDir.resolve("model.onnx"), "../../../outside.bin", false);
    assertRefused("escapes model directory");
  }

  @Test
  void load_externalDataAbsolutePath_refused() {
    ExternalDataModels.write(versionDir.resolve("model.onnx"), outside.toAbsolutePath().toString(), false);
    assertRefused("Absolute paths not allowed");
  }

  @Test
  void load_externalDataSymlinkOutside_refused() throws IOException {
    Files.createSymbolicLink(versionDir.resolve("weights.bin"), outside);
    ExternalDataModels.write(versionDir.resolve("model.onnx"), "weights.bin", false);
    assertRefused("escapes model directory");
  }

  @Test
  void load_constantNodeWithExternalDataOutside_refused() {
    ExternalDataModels.write(versionDir.resolve("model.onnx"), "../../../outside.bin", true);
    assertRefused("escapes model directory");
  }

  private void assertRefused(String why) {
    assertThatThrownBy(() -> backend.load(spec(), versionDir, CPU, -1).close())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model 'external_add': ONNX Runtime could not load model.onnx")
        .hasMessageContaining("External data path").hasMessageContaining(why);
  }

  private static ModelSpec spec() {
    return ModelConfigParser.parse("external_add", ExternalDataModels.config("external_add"));
  }

  private static float[] run(ModelInstance instance, float... x) {
    ByteBuffer data = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : x) {
      data.putFloat(value);
    }
    Tensor input = new Tensor("x", DataType.FP32, new long[] {x.length}, data.flip());
    ByteBuffer out = instance.run(List.of(input), List.of("y")).outputs().get(0).data();
    float[] y = new float[x.length];
    out.asFloatBuffer().get(y);
    return y;
  }
}
