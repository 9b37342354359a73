package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelRepositoryParameter;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.repository.ModelControl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RepositoryModelLoad/Unload over the in-process transport: the model control mode, the model
 * name as a path, the load parameters, and Triton's JSON config override.
 */
class RepositoryControlTest {
  @TempDir Path repository;
  private InProcessInference inference;

  @AfterEach
  void stop() {
    inference.close();
  }

  @Test
  void loadAndUnload_modelControlNone_failedPreconditionSayingHowToEnable() throws IOException {
    start(ModelControl.none());
    String[] words = {"model control is disabled", "--model-control-mode explicit"};
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp").build()),
        Status.Code.FAILED_PRECONDITION, words);
    assertStatus(() -> inference.blocking.repositoryModelUnload(
        RepositoryModelUnloadRequest.newBuilder().setModelName("digits_mlp").build()), Status.Code.FAILED_PRECONDITION, words);
    assertThat(inference.blocking.modelInfer(Requests.digitsMlp(1).build()).getModelName()).isEqualTo("digits_mlp");
  }

  @Test
  void load_modelNameWithDotDot_invalidArgumentNamingModelName() throws IOException {
    start(ModelControl.explicit());
    assertRefusedName("..", "not a model directory name");
    assertRefusedName("../digits_mlp", "path separator");
    assertRefusedName("digits_mlp/..", "path separator");
  }

  @Test
  void loadAndUnload_absolutePath_invalidArgumentNamingModelName() throws IOException {
    start(ModelControl.explicit());
    String outside = repository.resolve("digits_mlp").toAbsolutePath().toString();
    assertRefusedName(outside, "path separator");
    assertRefusedName("C:\\models\\digits_mlp", "path separator");
    assertStatus(() -> inference.blocking.repositoryModelUnload(
        RepositoryModelUnloadRequest.newBuilder().setModelName(outside).build()),
        Status.Code.INVALID_ARGUMENT, "model_name", "path separator");
  }

  @Test
  void loadAndUnload_nulByte_invalidArgumentNamingModelName() throws IOException {
    start(ModelControl.explicit());
    assertRefusedName("digits_mlp\0.onnx", "NUL byte");
    assertStatus(() -> inference.blocking.repositoryModelUnload(
        RepositoryModelUnloadRequest.newBuilder().setModelName("digits_mlp\0").build()),
        Status.Code.INVALID_ARGUMENT, "model_name", "NUL byte");
  }

  @Test
  void load_overlongOrOddName_invalidArgumentBounded() throws IOException {
    start(ModelControl.explicit());
    assertRefusedName("m".repeat(100_000), "longer than 255");
    assertRefusedName("-rf", "characters other than");
    assertRefusedName("", "is empty");
  }

  @Test
  void load_fileOverride_invalidArgumentSayingWhy() throws IOException {
    start(ModelControl.explicit());
    RepositoryModelLoadRequest.Builder request = load("digits_mlp")
        .putParameters("config", string("{\"backend\": \"onnxruntime\"}"))
        .putParameters("file:1/model.onnx", ModelRepositoryParameter.newBuilder()
            .setBytesParam(ByteString.copyFromUtf8("not a model")).build());
    assertStatus(() -> inference.blocking.repositoryModelLoad(request.build()), Status.Code.INVALID_ARGUMENT,
        "'file:1/model.onnx'", "file overrides are not supported", "write model files");
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp")
        .putParameters("file:../../../etc/cron.d/x", string("")).build()), Status.Code.INVALID_ARGUMENT,
        "file overrides are not supported");
    assertThat(Files.size(repository.resolve("digits_mlp/1/model.onnx"))).isGreaterThan(1000);
  }

  @Test
  void load_unknownParameter_invalidArgumentNamingIt() throws IOException {
    start(ModelControl.explicit());
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp").putParameters("poll", string("1")).build()),
        Status.Code.INVALID_ARGUMENT, "parameter 'poll' is not supported", "[config]");
    assertStatus(() -> inference.blocking.repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder()
        .setModelName("digits_mlp").putParameters("force", string("1")).build()),
        Status.Code.INVALID_ARGUMENT, "parameter 'force' is not supported");
  }

  @Test
  void load_configOverride_replacesConfigPbtxtForThatLoadOnly() throws IOException {
    start(ModelControl.explicit());
    String json = "{\"name\": \"digits_mlp\", \"backend\": \"onnxruntime\", \"max_batch_size\": 4,"
        + " \"input\": [{\"name\": \"input\", \"data_type\": \"TYPE_FP32\", \"dims\": [64]}],"
        + " \"output\": [{\"name\": \"probabilities\", \"data_type\": \"TYPE_FP32\", \"dims\": [\"10\"]}],"
        + " \"dynamicBatching\": {\"maxQueueDelayMicroseconds\": \"100\"}}";
    inference.blocking.repositoryModelLoad(load("digits_mlp").putParameters("config", string(json)).build());

    ModelConfig served = config();
    assertThat(served.getMaxBatchSize()).isEqualTo(4);
    assertThat(served.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(100);
    assertThat(served.getOutputList()).extracting(o -> o.getName()).containsExactly("probabilities");
    assertStatus(() -> inference.blocking.modelInfer(Requests.digitsMlp(5).build()), Status.Code.INVALID_ARGUMENT, "4");
    assertThat(inference.blocking.modelInfer(Requests.digitsMlp(4).build()).getOutputsCount()).isEqualTo(1);

    inference.blocking.repositoryModelLoad(load("digits_mlp").build());
    assertThat(config().getMaxBatchSize()).isEqualTo(128);
    assertThat(inference.blocking.modelInfer(Requests.digitsMlp(5).build()).getOutputsCount()).isEqualTo(2);
  }

  @Test
  void load_configOverrideWithFieldConvoyLacks_invalidArgumentNamingField_oldVersionsServe() throws IOException {
    start(ModelControl.explicit());
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp")
        .putParameters("config", string("{\"backend\": \"onnxruntime\", \"sequence_batching\": {}}")).build()),
        Status.Code.INVALID_ARGUMENT, "load parameter 'config'", "sequence_batching");
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp")
        .putParameters("config", string("{\"backend\": \"onnxruntime\", \"max_batch_size\": 2,"
            + " \"input\": [{\"name\": \"input\", \"data_type\": \"TYPE_FP32\", \"dims\": [64]}],"
            + " \"output\": [{\"name\": \"logits\", \"data_type\": \"TYPE_FP32\", \"dims\": [10]}],"
            + " \"instance_group\": [{\"kind\": \"KIND_MODEL\"}]}")).build()),
        Status.Code.INVALID_ARGUMENT, "load parameter 'config' field 'instance_group[0].kind'");
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp")
        .putParameters("config", string("max_batch_size: 4")).build()),
        Status.Code.INVALID_ARGUMENT, "load parameter 'config'", "not a ModelConfig in JSON");
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp")
        .putParameters("config", ModelRepositoryParameter.newBuilder().setBoolParam(true).build()).build()),
        Status.Code.INVALID_ARGUMENT, "must be a string_param");
    assertThat(config().getMaxBatchSize()).isEqualTo(128);
  }

  @Test
  void load_configOverrideNamingFilesOutsideTheModel_invalidArgument() throws IOException {
    start(ModelControl.explicit());
    String common = "\"backend\": \"onnxruntime\", \"max_batch_size\": 2,"
        + " \"input\": [{\"name\": \"input\", \"data_type\": \"TYPE_FP32\", \"dims\": [64]}],"
        + " \"output\": [{\"name\": \"logits\", \"data_type\": \"TYPE_FP32\", \"dims\": [10]}]";
    Files.writeString(repository.resolve("secret.bin"), "x".repeat(64 * 4 * 2));
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp").putParameters("config",
        string("{" + common + ", \"default_model_filename\": \"../../digits_cnn/1/model.onnx\"}")).build()),
        Status.Code.INVALID_ARGUMENT, "default_model_filename", "plain file name");
    assertStatus(() -> inference.blocking.repositoryModelLoad(load("digits_mlp").putParameters("config",
        string("{" + common + ", \"model_warmup\": [{\"name\": \"w\", \"batch_size\": 2, \"inputs\":"
            + " {\"input\": {\"data_type\": \"TYPE_FP32\", \"dims\": [64],"
            + " \"input_data_file\": \"../../secret.bin\"}}}]}")).build()),
        Status.Code.INVALID_ARGUMENT, "input_data_file", "not a file in the model's warmup/ directory");
  }

  private void start(ModelControl control) throws IOException {
    SampleModels.copy(repository, "digits_mlp");
    inference = new InProcessInference(repository, new OnnxRuntimeBackend(System::nanoTime), control);
  }

  private ModelConfig config() {
    return inference.blocking.modelConfig(ModelConfigRequest.newBuilder().setName("digits_mlp").build()).getConfig();
  }

  private void assertRefusedName(String name, String problem) {
    assertStatus(() -> inference.blocking.repositoryModelLoad(load(name).build()),
        Status.Code.INVALID_ARGUMENT, "model_name", problem);
  }

  private static RepositoryModelLoadRequest.Builder load(String model) {
    return RepositoryModelLoadRequest.newBuilder().setModelName(model);
  }

  private static ModelRepositoryParameter string(String value) {
    return ModelRepositoryParameter.newBuilder().setStringParam(value).build();
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String... words) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(words).hasSizeLessThanOrEqualTo(StatusMapper.MAX_DESCRIPTION);
    });
  }
}
