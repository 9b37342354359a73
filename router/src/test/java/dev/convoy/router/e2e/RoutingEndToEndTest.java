package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.proto.inference.ServerLiveRequest;
import dev.convoy.proto.inference.ServerMetadataRequest;
import dev.convoy.proto.inference.ServerReadyRequest;
import dev.convoy.proto.router.BackendStatus;
import dev.convoy.proto.router.ListBackendsRequest;
import dev.convoy.proto.router.ListBackendsResponse;
import dev.convoy.proto.router.RouterAdminGrpc;
import dev.convoy.proto.router.ServedModel;
import dev.convoy.server.repository.ModelControl;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real servers with different models behind one router: model-aware routing, the
 * pass-through of payloads and errors, the calls the router answers or merges, admin, health.
 */
class RoutingEndToEndTest {
  @TempDir
  static Path repositories;
  private static Servers.Loopback cnnServer;
  private static Servers.Loopback wideServer;
  private static RouterUnderTest router;

  @BeforeAll
  static void start() throws Exception {
    // Model control on: RepositoryModelLoad/Unload fan out to these servers.
    ModelControl control = ModelControl.explicit(ModelControl.ALL);
    cnnServer = new Servers.Loopback(Servers.repository(repositories.resolve("router-cnn"), "digits_mlp", "digits_cnn"),
        control);
    wideServer = new Servers.Loopback(Servers.repository(repositories.resolve("router-wide"), "digits_mlp", "digits_wide"),
        control);
    router = new RouterUnderTest("backend = " + cnnServer.address() + ",kind=CPU,weight=1\n"
        + "backend = " + wideServer.address() + ",kind=GPU,weight=2\n");
  }

  @AfterAll
  static void stop() throws Exception {
    router.close();
    cnnServer.close();
    wideServer.close();
  }

  @Test
  void modelInfer_modelOnOneServer_goesOnlyThere() {
    long cnnBefore = cnnServer.served("digits_cnn");
    long wideBefore = wideServer.served("digits_wide");

    for (int i = 0; i < 10; i++) {
      assertThat(router.stub().modelInfer(Requests.digitsCnn()).getModelName()).isEqualTo("digits_cnn");
      assertThat(router.stub().modelInfer(Requests.digitsWide()).getModelName()).isEqualTo("digits_wide");
    }

    assertThat(cnnServer.served("digits_cnn") - cnnBefore).isEqualTo(10);
    assertThat(wideServer.served("digits_wide") - wideBefore).isEqualTo(10);
    assertThat(wideServer.hasModel("digits_cnn")).isFalse();
    assertThat(cnnServer.hasModel("digits_wide")).isFalse();
  }

  @Test
  void modelInfer_response_identicalToTheServersOwn() {
    ManagedChannel direct = ManagedChannelBuilder.forAddress("127.0.0.1", cnnServer.port()).usePlaintext().build();
    try {
      ModelInferRequest request = Requests.digitsCnn().toBuilder().setId("same-bytes").build();
      ModelInferResponse viaRouter = router.stub().modelInfer(request);
      ModelInferResponse viaServer = GRPCInferenceServiceGrpc.newBlockingStub(direct)
          .withDeadlineAfter(20, TimeUnit.SECONDS).modelInfer(request);

      assertThat(viaRouter).isEqualTo(viaServer);
      assertThat(viaRouter.getId()).isEqualTo("same-bytes");
      assertThat(viaRouter.getRawOutputContentsCount()).isEqualTo(2);
    } finally {
      direct.shutdownNow();
    }
  }

  @Test
  void modelInfer_badInput_serversErrorPassesThrough() {
    ModelInferRequest wrongShape = Requests.fp32("digits_mlp", "input", new long[] {1, 63}, 1f);

    assertThatThrownBy(() -> router.stub().modelInfer(wrongShape))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("input");
        });
  }

  @Test
  void modelInfer_modelNoServerHas_notFoundNamingTheModel() {
    ModelInferRequest unknown = Requests.digitsMlp().toBuilder().setModelName("resnet50").build();

    assertThatThrownBy(() -> router.stub().modelInfer(unknown))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getStatus().getDescription()).isEqualTo("no backend has model 'resnet50'");
        });
    assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsCnn().toBuilder().setModelVersion("7").build()))
        .hasMessage("NOT_FOUND: no backend has model 'digits_cnn' version '7'");
  }

  @Test
  void modelStreamInfer_modelOnBothServers_oneStreamSpreadsOverBoth() throws Exception {
    long cnnBefore = cnnServer.served("digits_mlp");
    long wideBefore = wideServer.served("digits_mlp");
    StreamClient stream = new StreamClient(router.asyncStub());
    for (int i = 0; i < 200; i++) {
      stream.send(Requests.digitsMlp().toBuilder().setId("r" + i).build());
    }
    stream.finish();

    List<ModelStreamInferResponse> responses = stream.awaitCompletion();

    assertThat(responses).extracting(r -> r.getInferResponse().getId())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).mapToObj(i -> "r" + i).toList());
    assertThat(responses).allSatisfy(r -> assertThat(r.getErrorMessage()).isEmpty());
    assertThat(cnnServer.served("digits_mlp") - cnnBefore).isPositive();
    assertThat(wideServer.served("digits_mlp") - wideBefore).isPositive();
    assertThat(cnnServer.served("digits_mlp") - cnnBefore + wideServer.served("digits_mlp") - wideBefore)
        .isEqualTo(200);
  }

  @Test
  void modelStreamInfer_modelsOnDifferentServers_eachRequestGoesWhereItsModelIs() throws Exception {
    long cnnBefore = cnnServer.served("digits_cnn");
    StreamClient stream = new StreamClient(router.asyncStub());
    stream.send(Requests.digitsWide().toBuilder().setId("wide").build());
    stream.send(Requests.digitsCnn().toBuilder().setId("cnn").build());
    stream.send(Requests.digitsWide().toBuilder().setId("wide-again").build());
    stream.finish();

    List<ModelStreamInferResponse> responses = stream.awaitCompletion();

    assertThat(responses).extracting(r -> r.getInferResponse().getId())
        .containsExactlyInAnyOrder("wide", "cnn", "wide-again");
    assertThat(responses).allSatisfy(r -> assertThat(r.getErrorMessage()).isEmpty());
    assertThat(cnnServer.served("digits_cnn") - cnnBefore).isEqualTo(1);
  }

  @Test
  void modelStreamInfer_requestForModelServedNowhere_answeredNotFoundAndStreamGoesOn() throws Exception {
    StreamClient stream = new StreamClient(router.asyncStub());
    stream.send(Requests.digitsMlp().toBuilder().setModelName("bert").setModelVersion("3").setId("b").build());
    stream.send(Requests.digitsMlp().toBuilder().setId("m").build());
    stream.finish();

    Map<String, ModelStreamInferResponse> byId = stream.awaitCompletion().stream()
        .collect(Collectors.toMap(r -> r.getInferResponse().getId(), r -> r));

    assertThat(byId).containsOnlyKeys("b", "m");
    assertThat(byId.get("b").getErrorMessage())
        .isEqualTo("NOT_FOUND: no backend has model 'bert' version '3'");
    assertThat(byId.get("b").getInferResponse().getModelName()).isEqualTo("bert");
    assertThat(byId.get("b").getInferResponse().getModelVersion()).isEqualTo("3");
    assertThat(byId.get("m").getErrorMessage()).isEmpty();
    assertThat(byId.get("m").getInferResponse().getOutputsCount()).isEqualTo(2);
  }

  @Test
  void modelStreamInfer_emptyModelName_answeredInvalidArgumentAndStreamGoesOn() throws Exception {
    StreamClient stream = new StreamClient(router.asyncStub());
    stream.send(Requests.digitsMlp().toBuilder().setModelName("").setId("nameless").build());
    stream.send(Requests.digitsMlp().toBuilder().setId("m").build());
    stream.finish();

    Map<String, ModelStreamInferResponse> byId = stream.awaitCompletion().stream()
        .collect(Collectors.toMap(r -> r.getInferResponse().getId(), r -> r));

    assertThat(byId.get("nameless").getErrorMessage()).isEqualTo("INVALID_ARGUMENT: ModelStreamInfer: the model name is empty");
    assertThat(byId.get("m").getErrorMessage()).isEmpty();
  }

  @Test
  void repositoryIndex_twoServers_mergedWithoutDuplicates() {
    RepositoryIndexResponse index = router.stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance());

    assertThat(index.getModelsList()).extracting(ModelIndex::getName)
        .containsExactly("digits_cnn", "digits_mlp", "digits_wide");
    assertThat(index.getModelsList()).allSatisfy(row -> {
      assertThat(row.getState()).isEqualTo("READY");
      assertThat(row.getVersion()).isEqualTo("1");
    });
  }

  @Test
  void modelStatistics_throughRouter_sumOfTheServers() {
    router.stub().modelInfer(Requests.digitsMlp());
    router.stub().modelInfer(Requests.digitsMlp());

    long viaRouter = router.stub().modelStatistics(ModelStatisticsRequest.newBuilder().setName("digits_mlp").build())
        .getModelStats(0).getInferenceStats().getSuccess().getCount();

    assertThat(viaRouter).isEqualTo(cnnServer.served("digits_mlp") + wideServer.served("digits_mlp"));
  }

  @Test
  void modelMetadataConfigAndReady_forwardedToAServerWithTheModel() {
    ModelMetadataResponse metadata = router.stub().modelMetadata(ModelMetadataRequest.newBuilder()
        .setName("digits_cnn").build());
    assertThat(metadata.getInputs(0).getName()).isEqualTo("image");

    assertThat(router.stub().modelConfig(ModelConfigRequest.newBuilder().setName("digits_wide").build())
        .getConfig().getName()).isEqualTo("digits_wide");
    assertThat(router.stub().modelReady(ModelReadyRequest.newBuilder().setName("digits_wide").build()).getReady())
        .isTrue();
    assertThat(router.stub().modelReady(ModelReadyRequest.newBuilder().setName("nope").build()).getReady())
        .isFalse();
    assertThatThrownBy(() -> router.stub().modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()))
        .hasMessageContaining("NOT_FOUND").hasMessageContaining("model 'nope'");
  }

  @Test
  void serverCalls_answeredByTheRouter() {
    assertThat(router.stub().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(router.stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(router.stub().serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName())
        .isEqualTo("convoy-router");
  }

  @Test
  void listBackends_bothServers_withStateKindWeightAndModels() {
    router.stub().modelInfer(Requests.digitsCnn());

    ListBackendsResponse all = router.listBackends();

    assertThat(all.getPolicy()).isEqualTo("p2c");
    assertThat(all.getBackendsList()).extracting(BackendStatus::getAddress)
        .containsExactlyInAnyOrder(cnnServer.address(), wideServer.address());
    BackendStatus cnn = all.getBackendsList().stream()
        .filter(b -> b.getAddress().equals(cnnServer.address())).findFirst().orElseThrow();
    assertThat(cnn.getState()).isEqualTo(BackendStatus.State.HEALTHY);
    assertThat(cnn.getKind()).isEqualTo(BackendStatus.Kind.CPU);
    assertThat(cnn.getWeight()).isEqualTo(1);
    assertThat(cnn.getSource()).isEqualTo("static");
    assertThat(cnn.getServed()).isPositive();
    assertThat(cnn.getModelsList()).extracting(ServedModel::getName).containsExactly("digits_cnn", "digits_mlp");
    assertThat(cnn.getModels(0).getVersionsList()).containsExactly("1");

    ListBackendsResponse wide = RouterAdminGrpc.newBlockingStub(router.channel)
        .listBackends(ListBackendsRequest.newBuilder().setModelName("digits_wide").build());
    assertThat(wide.getBackendsList()).singleElement().satisfies(b -> {
      assertThat(b.getAddress()).isEqualTo(wideServer.address());
      assertThat(b.getKind()).isEqualTo(BackendStatus.Kind.GPU);
      assertThat(b.getWeight()).isEqualTo(2);
    });
  }

  @Test
  void health_routerAndModels_serving() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(router.channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
    for (String service : new String[] {"", "inference.GRPCInferenceService", "digits_cnn", "digits_wide"}) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
          .as(service).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void reflection_listServices_includesInferenceAndAdmin() throws Exception {
    assertThat(Reflection.listServices(router.channel))
        .contains("inference.GRPCInferenceService", "convoy.router.RouterAdmin", "grpc.health.v1.Health");
  }

  @Test
  void unloadAndLoad_throughRouter_reachTheServerThatHasTheModel() {
    router.stub().repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("digits_wide").build());
    try {
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsWide()))
          .hasMessageContaining("UNAVAILABLE").hasMessageContaining("model 'digits_wide'");
    } finally {
      router.stub().repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("digits_wide").build());
    }

    assertThat(router.stub().modelInfer(Requests.digitsWide()).getModelName()).isEqualTo("digits_wide");
    assertThatThrownBy(() -> router.stub().repositoryModelLoad(
        RepositoryModelLoadRequest.newBuilder().setModelName("not_in_any_repository").build()))
        .hasMessageContaining("NOT_FOUND");
  }
}
