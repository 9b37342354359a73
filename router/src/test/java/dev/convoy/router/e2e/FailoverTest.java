package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.backend.BackendState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stops in the middle of a load run: calls it fails are retried on another server,
 * so every call with deadline left succeeds; once it is back it takes traffic again.
 */
class FailoverTest {
  @Test
  void modelInfer_serverStopsDuringLoad_everyCallSucceedsAndServerIsUsedAgainWhenBack(@TempDir Path dir) throws Exception {
    try (Servers.Loopback a = new Servers.Loopback(Servers.repository(dir.resolve("a"), "digits_mlp"));
        Servers.Loopback b = new Servers.Loopback(Servers.repository(dir.resolve("b"), "digits_mlp"));
        Servers.Loopback c = new Servers.Loopback(Servers.repository(dir.resolve("c"), "digits_mlp"));
        RouterUnderTest router = new RouterUnderTest("backend = " + a.address() + "\n"
            + "backend = " + b.address() + "\n" + "backend = " + c.address() + "\n"
            + "ejection.base = 1s\nejection.max = 1s\n")) {
      CompletableFuture<Void> stopped = new CompletableFuture<>();

      var failures = LoadRun.run(300, 8, i -> {
        if (i == 100) {
          CompletableFuture.runAsync(b::stop).whenComplete((v, e) -> stopped.complete(null));
        }
        router.stub().withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(Requests.digitsMlp());
      });
      stopped.get(30, TimeUnit.SECONDS);

      assertThat(failures).isEmpty();
      assertThat(a.served("digits_mlp") + c.served("digits_mlp")).isPositive();
      router.refresh();
      // Unhealthy (its probe fails), and perhaps ejected too if enough calls failed on it first.
      assertThat(router.backend(b.address()).state()).isIn(BackendState.UNHEALTHY, BackendState.EJECTED);
      for (int i = 0; i < 20; i++) {
        router.stub().modelInfer(Requests.digitsMlp());
      }

      b.restart();
      router.refreshUntil(b.address(), BackendState.HEALTHY, Duration.ofSeconds(20));
      for (int i = 0; i < 60; i++) {
        router.stub().modelInfer(Requests.digitsMlp());
      }

      assertThat(b.served("digits_mlp")).as("calls served by the restarted server").isPositive();
    }
  }
}
