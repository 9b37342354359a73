package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelInstanceGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRepositoryTest {

  private static final String SHIPPED = """
      name: "digits_mlp"
      platform: "onnxruntime_onnx"
      max_batch_size: 128
      input [ { name: "input" data_type: TYPE_FP32 dims: [ 64 ] } ]
      output [ { name: "logits" data_type: TYPE_FP32 dims: [ 10 ] } ]
      instance_group [ { count: 2 kind: KIND_CPU }, { count: 1 kind: KIND_GPU } ]
      parameters { key: "inter_op_thread_count" value: { string_value: "1" } }
      """;

  private static final ModelVariant BATCHED = new ModelVariant("batched", 32, 1, 1,
      new ModelVariant.Batching(1500, List.of(8, 32)));

  @TempDir Path temp;

  @Test
  void rewrite_shipped_returnsTextUnchanged() throws Exception {
    assertThat(ScenarioRepository.rewrite(SHIPPED, ModelVariant.SHIPPED)).isEqualTo(SHIPPED);
  }

  @Test
  void rewrite_batchedVariant_setsBatchingReplacesGroupsKeepsTheRest() throws Exception {
    ModelConfig config = parse(ScenarioRepository.rewrite(SHIPPED, BATCHED));

    assertThat(config.getMaxBatchSize()).isEqualTo(32);
    assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(1500);
    assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).containsExactly(8, 32);
    assertThat(config.getInstanceGroupList()).containsExactly(ModelInstanceGroup.newBuilder()
        .setCount(1).setKind(ModelInstanceGroup.Kind.KIND_CPU).build());
    assertThat(config.getParametersMap().get("intra_op_thread_count").getStringValue())
        .isEqualTo("1");
    assertThat(config.getParametersMap().get("inter_op_thread_count").getStringValue())
        .isEqualTo("1");
    assertThat(config.getName()).isEqualTo("digits_mlp");
    assertThat(config.getInput(0).getDimsList()).containsExactly(64L);
  }

  @Test
  void rewrite_unbatchedVariantOfBatchedConfig_removesDynamicBatching() throws Exception {
    String batched = ScenarioRepository.rewrite(SHIPPED, BATCHED);
    ModelVariant unbatched = new ModelVariant("unbatched", 32, 1, 1, null);

    ModelConfig config = parse(ScenarioRepository.rewrite(batched, unbatched));

    assertThat(config.hasDynamicBatching()).isFalse();
    assertThat(config.getMaxBatchSize()).isEqualTo(32);
  }

  @Test
  void rewrite_variantWithZeros_keepsShippedValues() throws Exception {
    ModelVariant onlyBatching = new ModelVariant("b", 0, 0, 0,
        new ModelVariant.Batching(500, List.of()));

    ModelConfig config = parse(ScenarioRepository.rewrite(SHIPPED, onlyBatching));

    assertThat(config.getMaxBatchSize()).isEqualTo(128);
    assertThat(config.getInstanceGroupCount()).isEqualTo(2);
    assertThat(config.getParametersMap()).doesNotContainKey("intra_op_thread_count");
    assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(500);
  }

  @Test
  void create_copiesConfigAndModelFilesOnly_closeDeletesTheCopy() throws Exception {
    Path source = sourceRepository();

    Path root;
    try (ScenarioRepository copy = ScenarioRepository.create(source, "digits_mlp", BATCHED)) {
      root = copy.root();
      Path model = root.resolve("digits_mlp");
      assertThat(parse(Files.readString(model.resolve("config.pbtxt"))).getMaxBatchSize())
          .isEqualTo(32);
      assertThat(model.resolve("1/model.onnx")).hasContent("onnx bytes");
      assertThat(model.resolve("3/model.onnx")).hasContent("newer bytes");
      assertThat(model.resolve("1/model.pt")).doesNotExist();
      assertThat(model.resolve("notes")).doesNotExist();
    }
    assertThat(root).doesNotExist();
  }

  @Test
  void create_missingModel_namesIt() {
    assertThatThrownBy(() -> ScenarioRepository.create(temp, "nope", BATCHED))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("model 'nope' has no config.pbtxt");
  }

  @Test
  void newVariant_preferredAboveMaxBatch_rejected() {
    assertThatThrownBy(() -> new ModelVariant("x", 16, 1, 1,
        new ModelVariant.Batching(1000, List.of(8, 32))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_batch_size 16");
  }

  private Path sourceRepository() throws IOException {
    Path model = Files.createDirectories(temp.resolve("source/digits_mlp"));
    Files.writeString(model.resolve("config.pbtxt"), SHIPPED, StandardCharsets.UTF_8);
    Files.createDirectories(model.resolve("1"));
    Files.writeString(model.resolve("1/model.onnx"), "onnx bytes");
    Files.writeString(model.resolve("1/model.pt"), "torch bytes");
    Files.createDirectories(model.resolve("3"));
    Files.writeString(model.resolve("3/model.onnx"), "newer bytes");
    Files.createDirectories(model.resolve("notes"));
    return temp.resolve("source");
  }

  private static ModelConfig parse(String text) throws TextFormat.ParseException {
    ModelConfig.Builder config = ModelConfig.newBuilder();
    TextFormat.getParser().merge(text, config);
    return config.build();
  }
}
