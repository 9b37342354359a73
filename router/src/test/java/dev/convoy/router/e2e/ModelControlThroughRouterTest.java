package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with model control off (its default): the router relays its refusal unchanged. */
class ModelControlThroughRouterTest {
  @TempDir Path repository;

  @Test
  void loadAndUnload_serverWithModelControlNone_failedPreconditionNamingTheBackend() throws Exception {
    try (Servers.Loopback server = new Servers.Loopback(Servers.repository(repository, "digits_mlp"));
        RouterUnderTest router = new RouterUnderTest("backend = " + server.address() + "\n")) {
      assertRefused(() -> router.stub().repositoryModelUnload(
          RepositoryModelUnloadRequest.newBuilder().setModelName("digits_mlp").build()), server);
      assertRefused(() -> router.stub().repositoryModelLoad(
          RepositoryModelLoadRequest.newBuilder().setModelName("digits_mlp").build()), server);
      assertThat(router.stub().modelInfer(Requests.digitsMlp()).getModelName()).isEqualTo("digits_mlp");
    }
  }

  private static void assertRefused(ThrowingCallable call, Servers.Loopback server) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(e.getStatus().getDescription()).contains("backend " + server.address(),
          "model control is disabled", "--model-control-mode explicit");
    });
  }
}
