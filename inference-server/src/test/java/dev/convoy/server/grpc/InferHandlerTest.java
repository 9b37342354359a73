package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.sampling.Sampler;
import dev.convoy.server.telemetry.ServerTelemetry;
import io.grpc.Context;
import io.grpc.ContextListeners;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one request leaves behind on the call it came with. */
class InferHandlerTest {
  @TempDir static Path repository;
  private static InProcessInference inference;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp");
    inference = new InProcessInference(repository);
  }

  @AfterAll
  static void stop() {
    inference.close();
  }

  @Test
  void infer_manyRequestsOnOneLongLivedCall_leaveNoListenerOnItsContext() {
    InferHandler handler = new InferHandler(inference.models, new MemoryBudget(Long.MAX_VALUE), System::nanoTime,
        ServerTelemetry.noop(System::nanoTime),
        Sampler.disabled(), dev.convoy.server.cache.ResponseCache.disabled(),
        new dev.convoy.server.shm.SharedMemoryTensors(new dev.convoy.server.shm.SharedMemoryRegions(java.nio.file.Path.of("/dev/shm"))));
    Context.CancellableContext stream = Context.current().withCancellation();
    try {
      List<CompletableFuture<ModelInferResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(handler.infer(Requests.digitsMlp(1).build(), stream));
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

      assertThat(ContextListeners.count(stream)).isZero();
    } finally {
      stream.cancel(null);
    }
  }
}
