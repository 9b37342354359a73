package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.server.HeldBackend;
import dev.convoy.server.SampleModels;
import dev.convoy.server.repository.ModelControl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher's refusals as clients see them: queue full, deadline passed while queued,
 * cancellation, and unloading, with the one instance held busy so requests stay queued.
 */
class QueuePolicyEdgeTest {
  @TempDir Path repository;
  private final HeldBackend backend = new HeldBackend();
  private InProcessInference inference;
  private ListenableFuture<ModelInferResponse> running;

  @BeforeEach
  void start() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    Path config = repository.resolve("digits_mlp/config.pbtxt");
    Files.writeString(config, Files.readString(config).replace("max_batch_size: 128", """
        max_batch_size: 8
        dynamic_batching { default_queue_policy { max_queue_size: 1 } }"""));
    inference = new InProcessInference(repository, backend, ModelControl.explicit());
    backend.hold();
    running = future().modelInfer(Requests.digitsMlp(1).setId("running").build());
    backend.awaitEntered();
  }

  @AfterEach
  void stop() {
    backend.letThrough(100);
    inference.close();
  }

  @Test
  void modelInfer_queueFull_resourceExhaustedAtOnce() throws Exception {
    ListenableFuture<ModelInferResponse> queued = future().modelInfer(Requests.digitsMlp(1).build());
    assertThatThrownBy(() -> inference.blocking.modelInfer(Requests.digitsMlp(1).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(e.getStatus().getDescription()).contains("digits_mlp", "1");
        });
    backend.letThrough(2);
    assertThat(running.get(10, TimeUnit.SECONDS).getId()).isEqualTo("running");
    assertThat(queued.get(10, TimeUnit.SECONDS).getOutputsCount()).isEqualTo(2);
  }

  @Test
  void modelInfer_deadlinePassesWhileQueued_deadlineExceededAndNeverRuns() throws Exception {
    ListenableFuture<ModelInferResponse> late = future().withDeadlineAfter(50, TimeUnit.MILLISECONDS)
        .modelInfer(Requests.digitsMlp(3).build());
    assertStatus(late, Status.Code.DEADLINE_EXCEEDED);
    backend.letThrough(3);
    running.get(10, TimeUnit.SECONDS);
    assertThat(inference.blocking.modelInfer(Requests.digitsMlp(2).build()).getOutputsCount()).isEqualTo(2);
    assertThat(backend.rows()).as("rows that reached the model: the running request's and the last one's").isEqualTo(3);
  }

  @Test
  void modelInfer_cancelledWhileQueued_neverRuns() throws Exception {
    ListenableFuture<ModelInferResponse> abandoned = future().modelInfer(Requests.digitsMlp(4).build());
    abandoned.cancel(true);
    backend.letThrough(3);
    running.get(10, TimeUnit.SECONDS);
    assertThat(inference.blocking.modelInfer(Requests.digitsMlp(2).build()).getOutputsCount()).isEqualTo(2);
    assertThat(backend.rows()).isEqualTo(3);
  }

  @Test
  void repositoryModelUnload_requestQueued_finishesItFirst() throws Exception {
    ListenableFuture<ModelInferResponse> queued = future().modelInfer(Requests.digitsMlp(1).setId("queued").build());
    CompletableFuture<Void> unloading = CompletableFuture.runAsync(() -> inference.blocking.repositoryModelUnload(
        RepositoryModelUnloadRequest.newBuilder().setModelName("digits_mlp").build()));
    backend.letThrough(2);
    assertThat(queued.get(10, TimeUnit.SECONDS).getId()).isEqualTo("queued");
    assertThat(running.get(10, TimeUnit.SECONDS).getId()).isEqualTo("running");
    unloading.get(10, TimeUnit.SECONDS);
    assertThat(inference.models.entry("digits_mlp").orElseThrow().versions()).isEmpty();
  }

  @Test
  void modelStatistics_queuedRequest_countsQueueTime() throws Exception {
    ListenableFuture<ModelInferResponse> queued = future().modelInfer(Requests.digitsMlp(1).build());
    backend.letThrough(2);
    queued.get(10, TimeUnit.SECONDS);
    running.get(10, TimeUnit.SECONDS);
    ModelStatistics stats = inference.blocking.modelStatistics(
        ModelStatisticsRequest.newBuilder().setName("digits_mlp").build()).getModelStats(0);
    assertThat(stats.getInferenceStats().getQueue().getCount()).isEqualTo(2);
    assertThat(stats.getInferenceStats().getQueue().getNs()).isPositive();
  }

  private GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub future() {
    return GRPCInferenceServiceGrpc.newFutureStub(inference.channel());
  }

  private static void assertStatus(ListenableFuture<?> call, Status.Code code) {
    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
