package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.router.BackendStatus;
import dev.convoy.router.RouterEnvironment;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Backends found through a DNS name (a fake resolver standing in for a headless Service). */
class DnsDiscoveryTest {
  @Test
  void refreshNow_nameResolvesThenNotThenAgain_backendAddedRemovedAdded() throws Exception {
    AtomicReference<List<InetAddress>> answer = new AtomicReference<>(List.of(InetAddress.getLoopbackAddress()));
    RouterEnvironment environment = RouterEnvironment.system().withResolver(host -> {
      assertThat(host).isEqualTo("inference.convoy.svc");
      return answer.get();
    });
    try (RecordingBackend backend = new RecordingBackend("pod", "digits_mlp");
        RouterUnderTest router = new RouterUnderTest(
            "dns = inference.convoy.svc:" + backend.port() + ",kind=GPU,weight=3\ndns.refresh = 1h\n", environment)) {
      assertThat(router.stub().modelInfer(Requests.digitsMlp()).getModelName()).isEqualTo("digits_mlp");
      BackendStatus found = router.listBackends().getBackends(0);
      assertThat(found.getAddress()).isEqualTo(backend.address());
      assertThat(found.getSource()).isEqualTo("dns:inference.convoy.svc");
      assertThat(found.getKind()).isEqualTo(BackendStatus.Kind.GPU);
      assertThat(found.getWeight()).isEqualTo(3);

      answer.set(List.of());
      router.refresh();
      assertThat(router.listBackends().getBackendsList()).isEmpty();
      assertThatThrownBy(() -> router.stub().modelInfer(Requests.digitsMlp())).hasMessageContaining("UNAVAILABLE");

      answer.set(List.of(InetAddress.getLoopbackAddress()));
      router.refresh();
      assertThat(router.stub().modelInfer(Requests.digitsMlp()).getModelName()).isEqualTo("digits_mlp");
      assertThat(backend.inferCalls()).isEqualTo(2);
    }
  }
}
