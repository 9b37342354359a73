package dev.convoy.batcher;

import static dev.convoy.batcher.Fixture.failure;
import static dev.convoy.batcher.Fixture.req;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Completion order, draining, closing and failing instances, on a fake clock. */
class DynamicBatcherLifecycleTest {
  private final Fixture fx = new Fixture();
  private final List<String> completed = new ArrayList<>();

  private CompletableFuture<String> submitTracked(DynamicBatcher<String, String> batcher,
      String payload) {
    CompletableFuture<String> future = batcher.submit(req(payload));
    future.whenComplete((result, failure) -> completed.add(payload));
    return future;
  }

  @Test
  void preserveOrdering_instancesFinishOutOfOrder_futuresCompleteInSubmissionOrder() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).preserveOrdering(true).build(), 2);
    CompletableFuture<String> first = submitTracked(batcher, "first");
    CompletableFuture<String> second = submitTracked(batcher, "second");
    fx.clock.runPending();

    fx.manual.run(1); // the second request's instance finishes first
    assertThat(second).isNotDone();
    fx.manual.run(0);

    assertThat(completed).containsExactly("first", "second");
    assertThat(first).isCompletedWithValue("FIRST");
    assertThat(second).isCompletedWithValue("SECOND");
  }

  @Test
  void preserveOrdering_off_futuresCompleteAsInstancesFinish() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).build(), 2);
    submitTracked(batcher, "first");
    submitTracked(batcher, "second");
    fx.clock.runPending();

    fx.manual.run(1);
    fx.manual.run(0);

    assertThat(completed).containsExactly("second", "first");
  }

  @Test
  void preserveOrdering_earlierRequestCancelledWhileQueued_doesNotHoldBackLaterOnes() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).preserveOrdering(true).build(), 1);
    submitTracked(batcher, "running");
    fx.clock.runPending();
    CompletableFuture<String> cancelled = submitTracked(batcher, "cancelled");
    CompletableFuture<String> last = submitTracked(batcher, "last");

    cancelled.cancel(false);
    fx.manual.run(0);
    fx.clock.runPending();
    fx.manual.run(0);

    assertThat(completed).containsExactly("cancelled", "running", "last");
    assertThat(last).isCompletedWithValue("LAST");
  }

  @Test
  void drainAndClose_requestsQueued_sendsThemWithoutWaitingOutTheDelay() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(1_000_000).build(), 1);
    CompletableFuture<String> queued = batcher.submit(req("queued"));

    CompletableFuture<Void> drained = batcher.drainAndClose();
    fx.clock.runPending();

    assertThat(fx.ran).containsExactly(List.of("queued"));
    assertThat(queued).isCompletedWithValue("QUEUED");
    assertThat(drained).isCompleted();
  }

  @Test
  void drainAndClose_batchRunning_completesOnlyAfterItFinishes() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).build(), 1);
    batcher.submit(req("a"));
    fx.clock.runPending();
    batcher.submit(req("b"));

    CompletableFuture<Void> drained = batcher.drainAndClose();
    fx.clock.runPending();
    fx.manual.run(0);
    fx.clock.runPending();
    assertThat(drained).isNotDone();
    fx.manual.run(0);

    assertThat(drained).isCompleted();
    assertThat(fx.ran).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void drainAndClose_thenSubmit_refusedWithClosed() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).build(), 1);
    batcher.drainAndClose();

    CompletableFuture<String> refused = batcher.submit(req("late"));

    assertThat(failure(refused)).isInstanceOf(BatcherClosedException.class).hasMessage(
        "model 'resnet': not accepting requests: the batcher is draining or closed");
  }

  @Test
  void drainAndClose_calledTwice_sameFuture() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).build(), 1);

    assertThat(batcher.drainAndClose()).isSameAs(batcher.drainAndClose());
  }

  @Test
  void close_requestsQueued_failsThemAndLetsRunningBatchFinish() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).build(), 1);
    CompletableFuture<String> running = batcher.submit(req("running"));
    fx.clock.runPending();
    CompletableFuture<String> queued = batcher.submit(req("queued"));

    batcher.close();
    assertThat(failure(queued)).isInstanceOf(BatcherClosedException.class);
    CompletableFuture<Void> drained = batcher.drainAndClose();
    assertThat(drained).isNotDone();
    fx.manual.runAll();
    fx.clock.runPending();

    assertThat(running).isCompletedWithValue("RUNNING");
    assertThat(drained).isCompleted();
    assertThat(fx.ran).containsExactly(List.of("running"));
    assertThat(fx.clock.pendingTasks()).isZero();
  }

  @Test
  void execute_throws_failsOnlyThatBatchsRequests() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(100).build(), 1);
    CompletableFuture<String> failing = batcher.submit(req("fail-me", 1, "A"));
    CompletableFuture<String> sameBatch = batcher.submit(req("neighbour", 1, "A"));
    CompletableFuture<String> otherBatch = batcher.submit(req("other", 1, "B"));

    fx.clock.advanceNanos(100_000);
    fx.clock.advanceNanos(100_000);

    assertThat(failure(failing)).isInstanceOf(IllegalStateException.class)
        .hasMessage("instance 0 failed");
    assertThat(failure(sameBatch)).isSameAs(failure(failing));
    assertThat(otherBatch).isCompletedWithValue("OTHER");
  }

  @Test
  void execute_returnsWrongNumberOfResults_failsBatchAndInstanceStaysUsable() {
    List<List<String>> ran = new ArrayList<>();
    BatchExecutor<String, String> shortChanging = batch -> {
      ran.add(batch.payloads());
      return batch.payloads().size() == 2 ? List.of("only one") : batch.payloads();
    };
    var batcher = new DynamicBatcher<>(Fixture.MODEL, BatcherConfig.dynamic(2).build(),
        List.of(shortChanging), fx.clock, fx.clock, fx.clock);
    batcher.submit(req("alone")); // dispatched at once: the next two queue behind it, together
    CompletableFuture<String> a = batcher.submit(req("a"));
    batcher.submit(req("b"));
    fx.clock.runPending();
    CompletableFuture<String> c = batcher.submit(req("c"));
    fx.clock.runPending();

    assertThat(failure(a)).isInstanceOf(IllegalStateException.class).hasMessage(
        "model 'resnet': instance 0 returned 1 results for a batch of 2 requests");
    assertThat(c).isCompletedWithValue("c");
  }

  @Test
  void start_instanceExecutorRejects_failsBatchAndFreesInstance() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).build(), 1, task -> {
      throw new RejectedExecutionException("pool shut down");
    });
    CompletableFuture<String> request = batcher.submit(req("a"));

    fx.clock.runPending();

    assertThat(failure(request)).isInstanceOf(RejectedExecutionException.class);
    CompletableFuture<Void> drained = batcher.drainAndClose();
    fx.clock.runPending();
    assertThat(drained).isCompleted();
  }
}
