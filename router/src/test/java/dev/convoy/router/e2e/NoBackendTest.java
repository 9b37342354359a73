package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.ServerReadyRequest;
import dev.convoy.proto.router.BackendStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Nothing to route to: UNAVAILABLE naming the model, and a router that says it is not ready. */
class NoBackendTest {
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
  void modelInfer_healthyBackendWithoutTheModel_unavailableNamingModel() throws Exception {
    try (RecordingBackend backend = new RecordingBackend("other", "digits_cnn");
        RouterUnderTest router = new RouterUnderTest("backend = " + backend.address() + "\n")) {
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp()))
          .hasMessage("UNAVAILABLE: no healthy backend serves model 'digits_mlp'");
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp().toBuilder().setModelName("").build()))
          .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("model name is empty");
      assertThat(backend.inferCalls()).isZero();
      assertThat(router.stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    }
  }
}
