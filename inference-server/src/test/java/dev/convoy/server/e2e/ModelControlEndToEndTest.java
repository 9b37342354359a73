package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelRepositoryParameter;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.repository.ModelControl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model control over real Netty on loopback: off by default; explicit, with a JSON config override. */
class ModelControlEndToEndTest {
  @TempDir Path repository;

  @Test
  void start_defaultOptions_everyModelServedAndLoadRefused() throws Exception {
    SampleModels.copy(repository, "digits_mlp", "digits_cnn");
    try (LoopbackServer loopback = new LoopbackServer(repository)) {
      assertThat(index(loopback)).extracting(ModelIndex::getState).containsOnly("READY");
      assertThatThrownBy(() -> loopback.stub().repositoryModelLoad(
          RepositoryModelLoadRequest.newBuilder().setModelName("digits_mlp").build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).contains("--model-control-mode explicit");
          });
    }
  }

  @Test
  void loadWithConfigOverride_explicitMode_servesTheOverridingConfig() throws Exception {
    SampleModels.copy(repository, "digits_mlp", "digits_cnn");
    ServerOptions options = ServerOptions.loopback(repository).withModelControl(ModelControl.explicit("digits_mlp"));
    try (LoopbackServer loopback = new LoopbackServer(options, SampleModels.backends())) {
      assertThat(index(loopback)).filteredOn(m -> m.getName().equals("digits_cnn"))
          .extracting(ModelIndex::getReason).containsExactly("not loaded");

      // As a tritonclient user does: the config as JSON, edited, sent with load_model(config=...).
      ModelConfig.Builder edited = ModelConfig.newBuilder();
      TextFormat.merge(Files.readString(repository.resolve("digits_cnn/config.pbtxt")), edited);
      edited.setMaxBatchSize(16).getDynamicBatchingBuilder().setMaxQueueDelayMicroseconds(200);
      loopback.stub().repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("digits_cnn")
          .putParameters("config", ModelRepositoryParameter.newBuilder()
              .setStringParam(JsonFormat.printer().preservingProtoFieldNames().print(edited)).build())
          .build());

      ModelConfig served = loopback.stub().modelConfig(ModelConfigRequest.newBuilder().setName("digits_cnn").build())
          .getConfig();
      assertThat(served.getMaxBatchSize()).isEqualTo(16);
      assertThat(served.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(200);
      assertThat(index(loopback)).extracting(ModelIndex::getState).containsOnly("READY");
    }
  }

  private static java.util.List<ModelIndex> index(LoopbackServer loopback) {
    return loopback.stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance()).getModelsList();
  }
}
