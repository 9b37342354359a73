package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.proto.inference.ServerLiveRequest;
import dev.convoy.proto.inference.ServerMetadataRequest;
import dev.convoy.proto.inference.ServerReadyRequest;
import dev.convoy.server.SampleModels;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's happy paths over the in-process transport, on the real ONNX Runtime backend. */
class InferenceServiceTest {
  @TempDir static Path repository;
  private static InProcessInference inference;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp", "typed_identity", "half_identity");
    Files.createDirectories(repository.resolve("broken"));
    Files.writeString(repository.resolve("broken/config.pbtxt"), "platform: \"onnxruntime_onnx\"\ndynamic_rays: 3\n");
    inference = new InProcessInference(repository);
  }

  @AfterAll
  static void stop() {
    inference.close();
  }

  @Test
  void typedIdentity_rawRequest_returnsEveryDatatypeBitForBit() {
    ModelInferRequest request = TypedIdentity.rawRequest().build();
    ModelInferResponse response = inference.blocking.modelInfer(request);
    assertThat(response.getRawOutputContentsCount()).isEqualTo(request.getInputsCount());
    for (int i = 0; i < request.getInputsCount(); i++) {
      String input = request.getInputs(i).getName();
      ModelInferResponse.InferOutputTensor output = response.getOutputsList().stream()
          .filter(o -> o.getName().equals("out_" + input.substring(3))).findFirst().orElseThrow();
      int index = response.getOutputsList().indexOf(output);
      assertThat(output.getDatatype()).isEqualTo(request.getInputs(i).getDatatype());
      assertThat(output.getShapeList()).containsExactly(3L);
      assertThat(response.getRawOutputContents(index)).as(input).isEqualTo(request.getRawInputContents(i));
    }
  }

  @Test
  void typedIdentity_typedContents_answersInRawOutputContentsAsTriton() {
    ModelInferResponse response = inference.blocking.modelInfer(TypedIdentity.typedRequest().build());
    assertThat(response.getRawOutputContentsCount()).isEqualTo(response.getOutputsCount());
    for (Map.Entry<String, InferTensorContents> input : TypedIdentity.typedValues().entrySet()) {
      ModelInferResponse.InferOutputTensor output = response.getOutputsList().stream()
          .filter(o -> o.getName().equals("out_" + input.getKey().substring(3))).findFirst().orElseThrow();
      assertThat(output.hasContents()).as(input.getKey()).isFalse();
      assertThat(response.getRawOutputContents(response.getOutputsList().indexOf(output))).as(input.getKey())
          .isEqualTo(TypedIdentity.rawOf(input.getKey(), input.getValue()));
    }
  }

  @Test
  void halfIdentity_fp16Raw_roundTrips() {
    ModelInferResponse response = inference.blocking.modelInfer(TypedIdentity.halfRequest().build());
    assertThat(response.getOutputs(0).getDatatype()).isEqualTo("FP16");
    assertThat(response.getRawOutputContents(0)).isEqualTo(TypedIdentity.fp16Raw());
  }

  @Test
  void modelInfer_requestedOutputAndId_onlyThatOutputAndIdEchoed() {
    ModelInferRequest.Builder request = Requests.digitsMlp(2).setId("req-42");
    request.addOutputsBuilder().setName("probabilities");
    ModelInferResponse response = inference.blocking.modelInfer(request.build());
    assertThat(response.getId()).isEqualTo("req-42");
    assertThat(response.getModelVersion()).isEqualTo("1");
    assertThat(response.getOutputsList()).singleElement().satisfies(o -> {
      assertThat(o.getName()).isEqualTo("probabilities");
      assertThat(o.getShapeList()).containsExactly(2L, 10L);
    });
    assertThat(response.getRawOutputContents(0).size()).isEqualTo(2 * 10 * 4);
  }

  @Test
  void metadataAndConfig_describeTheModel() {
    ModelMetadataResponse metadata = inference.blocking.modelMetadata(ModelMetadataRequest.newBuilder().setName("digits_mlp").build());
    assertThat(metadata.getPlatform()).isEqualTo("onnxruntime_onnx");
    assertThat(metadata.getVersionsList()).containsExactly("1");
    assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 64L);
    assertThat(metadata.getOutputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
        .containsExactly("logits", "probabilities");
    assertThat(inference.blocking.modelConfig(ModelConfigRequest.newBuilder().setName("digits_mlp").build())
        .getConfig().getMaxBatchSize()).isEqualTo(128);
  }

  @Test
  void serverCalls_liveReadyAndMetadata() {
    assertThat(inference.blocking.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(inference.blocking.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(inference.blocking.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList())
        .contains("model_repository", "statistics", "classification", "schedule_policy", "model_repository(unload_dependents)");
    assertThat(inference.blocking.modelReady(ModelReadyRequest.newBuilder().setName("digits_mlp").build()).getReady()).isTrue();
    assertThat(inference.blocking.modelReady(ModelReadyRequest.newBuilder().setName("ghost").build()).getReady()).isFalse();
  }

  @Test
  void repositoryIndex_listsReadyAndFailedModels() {
    List<ModelIndex> index = inference.blocking.repositoryIndex(RepositoryIndexRequest.getDefaultInstance()).getModelsList();
    assertThat(index).extracting(ModelIndex::getName).contains("digits_mlp", "typed_identity", "broken");
    ModelIndex broken = index.stream().filter(m -> m.getName().equals("broken")).findFirst().orElseThrow();
    assertThat(broken.getState()).isEqualTo("UNAVAILABLE");
    assertThat(broken.getReason()).contains("dynamic_rays");
    assertThat(inference.blocking.repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true).build()).getModelsList())
        .extracting(ModelIndex::getName).doesNotContain("broken");
  }

  @Test
  void modelStatistics_countsRowsExecutionsAndBatchSizes() {
    ModelStatistics before = statistics("digits_mlp");
    inference.blocking.modelInfer(Requests.digitsMlp(5).build());
    inference.blocking.modelInfer(Requests.digitsMlp(5).build());
    ModelStatistics after = statistics("digits_mlp");
    assertThat(after.getInferenceCount() - before.getInferenceCount()).isEqualTo(10);
    assertThat(after.getExecutionCount() - before.getExecutionCount()).isEqualTo(2);
    assertThat(after.getInferenceStats().getSuccess().getCount() - before.getInferenceStats().getSuccess().getCount()).isEqualTo(2);
    assertThat(after.getInferenceStats().getComputeInfer().getNs()).isGreaterThan(before.getInferenceStats().getComputeInfer().getNs());
    assertThat(after.getBatchStatsList()).anySatisfy(b -> {
      assertThat(b.getBatchSize()).isEqualTo(5);
      assertThat(b.getComputeInfer().getCount()).isGreaterThanOrEqualTo(2);
    });
    assertThat(after.getLastInference()).isPositive();
  }

  @Test
  void modelStreamInfer_badRequestMidStream_answersErrorAndCarriesOn() throws Exception {
    List<ModelStreamInferResponse> responses = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<ModelInferRequest> requests = inference.async.modelStreamInfer(new StreamObserver<>() {
      @Override public void onNext(ModelStreamInferResponse value) { responses.add(value); }
      @Override public void onError(Throwable t) { done.completeExceptionally(t); }
      @Override public void onCompleted() { done.complete(null); }
    });
    requests.onNext(Requests.digitsMlp(1).setId("a").build());
    requests.onNext(Requests.digitsMlp(1).setId("b").setModelName("ghost").build());
    requests.onNext(Requests.digitsMlp(3).setId("c").build());
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);
    Map<String, ModelStreamInferResponse> byId = responses.stream()
        .collect(Collectors.toMap(r -> r.getInferResponse().getId(), r -> r));
    assertThat(responses).hasSize(3);
    assertThat(byId.get("a").getErrorMessage()).isEmpty();
    assertThat(byId.get("b").getErrorMessage()).startsWith("NOT_FOUND: ").contains("'ghost'");
    assertThat(byId.get("b").getInferResponse().getModelName()).isEqualTo("ghost");
    assertThat(byId.get("c").getInferResponse().getOutputs(0).getShapeList()).containsExactly(3L, 10L);
  }

  private static ModelStatistics statistics(String model) {
    return inference.blocking.modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build()).getModelStats(0);
  }
}
