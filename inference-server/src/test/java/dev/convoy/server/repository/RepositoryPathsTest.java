package dev.convoy.server.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.error.InvalidInputException;
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

/**
 * Nothing is loaded from outside the repository. Each symbolic link here leads to a complete,
 * loadable copy of a model outside it, so only the check stands between it and being served.
 */
class RepositoryPathsTest {
  @TempDir Path dir;
  private Path repository;
  private Path outside;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private ModelManager manager;

  @BeforeEach
  void layOut() throws IOException {
    repository = Files.createDirectories(dir.resolve("repository"));
    outside = SampleModels.copy(Files.createDirectories(dir.resolve("outside")), "digits_mlp").resolve("digits_mlp");
    SampleModels.copy(repository, "digits_mlp");
    manager = new ModelManager(new ModelRepository(repository), new OnnxRuntimeBackend(System::nanoTime),
        new Timekeeping(System::nanoTime, Clock.systemUTC(), scheduler), (model, state) -> { });
  }

  @AfterEach
  void stop() {
    manager.close();
    scheduler.shutdownNow();
  }

  @Test
  void load_modelDirectoryLinkedOutside_refused() throws IOException {
    Files.createSymbolicLink(repository.resolve("escaped"), outside);
    Files.writeString(outside.resolve("config.pbtxt"), Files.readString(outside.resolve("config.pbtxt"))
        .replace("\"digits_mlp\"", "\"escaped\""));
    assertThat(manager.repository().contains("escaped")).isTrue();
    assertRefused("escaped", "model 'escaped': its directory");
  }

  @Test
  void load_versionDirectoryLinkedOutside_refused() throws IOException {
    Files.createSymbolicLink(repository.resolve("digits_mlp/2"), outside.resolve("1"));
    assertRefused("digits_mlp", "model 'digits_mlp' version 2");
  }

  @Test
  void load_modelFileLinkedOutside_refused() throws IOException {
    Path file = repository.resolve("digits_mlp/1/model.onnx");
    Files.delete(file);
    Files.createSymbolicLink(file, outside.resolve("1/model.onnx"));
    assertRefused("digits_mlp", "version 1: model.onnx");
  }

  @Test
  void load_configLinkedOutside_refused() throws IOException {
    Path config = repository.resolve("digits_mlp/config.pbtxt");
    Files.delete(config);
    Files.createSymbolicLink(config, outside.resolve("config.pbtxt"));
    assertRefused("digits_mlp", "config.pbtxt");
  }

  @Test
  void load_versionLinkedToTheRepositoryRoot_refused() throws IOException {
    Files.createSymbolicLink(repository.resolve("digits_mlp/3"), repository);
    assertRefused("digits_mlp", "version 3");
  }

  @Test
  void load_warmupFileLinkedOutside_refused() throws IOException {
    Files.write(dir.resolve("secret.bin"), new byte[64 * 4]);
    Files.createDirectories(repository.resolve("digits_mlp/warmup"));
    Files.createSymbolicLink(repository.resolve("digits_mlp/warmup/zeros.bin"), dir.resolve("secret.bin"));
    Path config = repository.resolve("digits_mlp/config.pbtxt");
    Files.writeString(config, Files.readString(config) + "model_warmup [ { name: \"w\" batch_size: 1 inputs {"
        + " key: \"input\" value: { data_type: TYPE_FP32 dims: [ 64 ] input_data_file: \"zeros.bin\" } } } ]\n");
    assertThatThrownBy(() -> manager.load("digits_mlp")).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("input_data_file").hasMessageContaining("not a file in the model's warmup/ directory");
  }

  @Test
  void load_labelFileLinkedOutside_refused() throws IOException {
    Files.writeString(dir.resolve("secret.txt"), "not a label\n");
    Files.createSymbolicLink(repository.resolve("digits_mlp/labels.txt"), dir.resolve("secret.txt"));
    Path config = repository.resolve("digits_mlp/config.pbtxt");
    Files.writeString(config, Files.readString(config).replace("name: \"probabilities\" data_type: TYPE_FP32",
        "name: \"probabilities\" label_filename: \"labels.txt\" data_type: TYPE_FP32"));
    assertThat(Files.readString(config)).contains("labels.txt");
    assertRefused("digits_mlp", "model 'digits_mlp': labels.txt");
  }

  @Test
  void load_linksThatStayInside_serve() throws IOException {
    Files.createSymbolicLink(repository.resolve("digits_mlp/2"), repository.resolve("digits_mlp/1"));
    Files.writeString(repository.resolve("digits_mlp/config.pbtxt"),
        Files.readString(repository.resolve("digits_mlp/config.pbtxt")).replace("num_versions: 1", "num_versions: 2"));
    manager.load("digits_mlp");
    assertThat(manager.entry("digits_mlp").orElseThrow().versions().keySet()).containsExactly(1L, 2L);
  }

  @Test
  void load_pathInName_refusedBeforeTheFileSystemIsTouched() {
    assertThatThrownBy(() -> manager.load("../outside/digits_mlp")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model_name");
    assertThatThrownBy(() -> manager.unload("..")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("model_name");
    assertThat(manager.entries()).isEmpty();
  }

  private void assertRefused(String model, String what) {
    assertThatThrownBy(() -> manager.load(model)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(what).hasMessageContaining("leads outside the model repository")
        .hasMessageNotContaining(outside.toString());
    assertThat(manager.entry(model).orElseThrow().versions()).isEmpty();
  }
}
