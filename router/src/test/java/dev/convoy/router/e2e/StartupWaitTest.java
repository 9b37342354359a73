package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.backend.BackendState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up with wait-for-backends: the router waits, bounded, for every backend to serve. */
class StartupWaitTest {

  @Test
  void start_backendServesLate_returnsOnceItServesAndRoutesTheFirstCall() throws Exception {
    try (RecordingBackend backend = new RecordingBackend("late", "digits_mlp")) {
      backend.serving(false);
      CompletableFuture<RouterUnderTest> starting = CompletableFuture.supplyAsync(() ->
          new RouterUnderTest("backend = " + backend.address() + "\nwait-for-backends = 60s\n"));
      assertThat(starting).isNotDone(); // its first probe found the backend not serving

      backend.serving(true);
      try (RouterUnderTest router = starting.get(30, TimeUnit.SECONDS)) {
        assertThat(router.backend(backend.address()).state()).isEqualTo(BackendState.HEALTHY);
        assertThat(router.stub().modelInfer(Requests.digitsMlp().toBuilder().setId("first").build()).getId())
            .isEqualTo("first");
      }
    }
  }

  @Test
  void start_backendNeverServes_givesUpAfterTheWait() throws Exception {
    try (RecordingBackend backend = new RecordingBackend("down", "digits_mlp")) {
      backend.serving(false);
      try (RouterUnderTest router = new RouterUnderTest(
          "backend = " + backend.address() + "\nwait-for-backends = 300ms\n")) {
        assertThat(router.backend(backend.address()).state()).isNotEqualTo(BackendState.HEALTHY);
      }
    }
  }
}
