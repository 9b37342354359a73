package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.ServerReadyRequest;
import dev.convoy.proto.router.BackendStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Nothing to route to: UNAVAILABLE naming the model while it may exist (a backend down, or the
 * model not ready), NOT_FOUND once no backend has it at all.
 */
class NoBackendTest {
  private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void modelInfer_modelInRepositoryButNotReady_unavailableNamingModel() throws Exception {
    try (RecordingBackend backend = new RecordingBackend("other", "digits_cnn")) {
      backend.listUnready("digits_mlp");
      try (RouterUnderTest router = new RouterUnderTest("backend = " + backend.address() + "\n")) {
        assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp()))
            .hasMessage("UNAVAILABLE: no healthy backend serves model 'digits_mlp'");
        assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp().toBuilder().setModelVersion("4").build()))
            .as("a model not loaded may have any version").hasMessageContaining("UNAVAILABLE");
      }
    }
  }

  @Test
  void modelInfer_backendDown_unavailableNamingModelAndRouterNotReady() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (RouterUnderTest router = new RouterUnderTest("backend = 127.0.0.1:" + closedPort + "\n")) {
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription()).isEqualTo("no healthy backend serves model 'digits_mlp'");
          });
      assertThat(router.stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isFalse();
      assertThat(router.stub().modelReady(ModelReadyRequest.newBuilder().setName("digits_mlp").build()).getReady())
          .isFalse();
      assertThatThrownBy(() -> router.stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance()))
          .hasMessageContaining("UNAVAILABLE").hasMessageContaining("no healthy backend");
      assertThat(HealthGrpc.newBlockingStub(router.channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(router.listBackends().getBackends(0).getState()).isEqualTo(BackendStatus.State.UNHEALTHY);
      assertThat(router.listBackends().getBackends(0).getStateReason()).isNotEmpty();
    }
  }

  @Test
  void modelInfer_healthyBackendWithoutTheModel_notFoundNamingModel() throws Exception {
    try (RecordingBackend backend = new RecordingBackend("other", "digits_cnn");
        RouterUnderTest router = new RouterUnderTest("backend = " + backend.address() + "\n")) {
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp()))
          .hasMessage("NOT_FOUND: no backend has model 'digits_mlp'");
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp().toBuilder()
          .setModelName("digits_cnn").setModelVersion("2").build()))
          .hasMessage("NOT_FOUND: no backend has model 'digits_cnn' version '2'");
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp().toBuilder().setModelName("").build()))
          .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("model name is empty");
      assertThat(backend.inferCalls()).isZero();
      assertThat(backend.indexHeaders()).as("the router's probes").isNotEmpty().allSatisfy(headers ->
          assertThat(headers.get(TRACEPARENT)).as("an unsampled trace context: the server starts no trace")
              .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"));
      assertThat(router.stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    }
  }
}
