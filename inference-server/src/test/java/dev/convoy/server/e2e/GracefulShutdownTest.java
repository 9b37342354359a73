package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.HeldBackend;
import dev.convoy.server.SampleModels;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown lets a request that is already executing finish and answer. */
class GracefulShutdownTest {
  @TempDir Path repository;

  @Test
  void close_requestInFlight_finishesBeforeStop() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    HeldBackend backend = new HeldBackend();
    LoopbackServer loopback = new LoopbackServer(repository, backend);
    backend.hold();
    ListenableFuture<ModelInferResponse> inFlight = GRPCInferenceServiceGrpc.newFutureStub(loopback.channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(ZeroDigits.request());
    backend.awaitEntered();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> loopback.server.close());
    assertThat(closing).isNotDone();
    backend.letThrough(1);

    assertThat(inFlight.get(30, TimeUnit.SECONDS).getOutputsCount()).isEqualTo(2);
    closing.get(30, TimeUnit.SECONDS);
    loopback.channel.shutdownNow();
  }
}
