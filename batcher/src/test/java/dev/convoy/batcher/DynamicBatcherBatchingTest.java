package dev.convoy.batcher;

import static dev.convoy.batcher.Fixture.req;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How the batcher forms and sends batches, on a fake clock. */
class DynamicBatcherBatchingTest {
  private final Fixture fx = new Fixture();

  @Test
  void submit_underMaxWithDelay_dispatchesExactlyWhenOldestHasWaitedTheDelay() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(100).build(), 1);
    CompletableFuture<String> a = batcher.submit(req("a"));
    fx.clock.advanceNanos(40_000);
    CompletableFuture<String> b = batcher.submit(req("b"));

    fx.clock.advanceNanos(60_000 - 1);
    assertThat(fx.ran).isEmpty();
    fx.clock.advanceNanos(1);

    assertThat(fx.ran).containsExactly(List.of("a", "b"));
    assertThat(a).isCompletedWithValue("A");
    assertThat(b).isCompletedWithValue("B");
  }

  @Test
  void submit_instanceFreeAndNothingToWaitFor_handsBatchToInstanceWithoutAPass() {
    var batcher = fx.manualBatcher(BatcherConfig.unbatched(8, 0), 1);

    CompletableFuture<String> a = batcher.submit(req("a"));

    assertThat(fx.manual.pending()).isEqualTo(1); // on its way to the instance already
    assertThat(fx.clock.pendingTasks()).isZero(); // no scheduler hop in between
    fx.manual.runAll();
    assertThat(a).isCompletedWithValue("A");
  }

  @Test
  void finish_requestsQueuedBehind_nextBatchStartsFromTheFinishingThread() {
    var batcher = fx.manualBatcher(BatcherConfig.unbatched(8, 0), 1);
    batcher.submit(req("a"));
    CompletableFuture<String> b = batcher.submit(req("b"));

    fx.manual.run(0); // "a" runs and, finishing, hands "b" to the instance

    assertThat(fx.manual.pending()).isEqualTo(1);
    assertThat(fx.clock.pendingTasks()).isZero();
    fx.manual.runAll();
    assertThat(b).isCompletedWithValue("B");
  }

  @Test
  void submit_reachesPreferredSize_dispatchesWithoutWaiting() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).preferredBatchSizes(List.of(2))
        .maxQueueDelayMicros(1_000_000).build(), 1);

    batcher.submit(req("a"));
    batcher.submit(req("b"));
    batcher.submit(req("c"));
    fx.clock.runPending();

    assertThat(fx.ran).containsExactly(List.of("a", "b"));
    assertThat(batcher.queuedRequests()).isEqualTo(1);
  }

  @Test
  void submit_reachesMaxBatchSize_dispatchesWithoutWaiting() {
    var batcher = fx.batcher(BatcherConfig.dynamic(4).maxQueueDelayMicros(1_000_000).build(), 1);

    batcher.submit(req("a", 3, "A"));
    batcher.submit(req("b", 1, "A"));
    fx.clock.runPending();

    assertThat(fx.ran).containsExactly(List.of("a", "b"));
  }

  @Test
  void submit_noDelayConfigured_sendsWhateverIsQueued() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).build(), 1);

    batcher.submit(req("a"));
    fx.clock.runPending();

    assertThat(fx.ran).containsExactly(List.of("a"));
  }

  @Test
  void submit_differentShapes_neverShareABatch() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(10).build(), 1);

    batcher.submit(req("a1", 1, "A"));
    batcher.submit(req("b1", 1, "B"));
    batcher.submit(req("a2", 1, "A"));
    fx.clock.advanceNanos(10_000);

    assertThat(fx.ran).containsExactly(List.of("a1", "a2"), List.of("b1"));
  }

  @Test
  void submit_unbatchedMode_runsEachRequestAlone() {
    var batcher = fx.batcher(BatcherConfig.unbatched(8, 10), 1);

    batcher.submit(req("a"));
    batcher.submit(req("b", 3, "A"));
    batcher.submit(req("c"));
    fx.clock.runPending();

    assertThat(fx.ran).containsExactly(List.of("a"), List.of("b"), List.of("c"));
  }

  @Test
  void submit_instanceBusy_nextBatchWaitsUntilExecuteReturns() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8).build(), 1);
    batcher.submit(req("a"));
    fx.clock.runPending();
    batcher.submit(req("b"));
    fx.clock.advanceNanos(1_000_000_000);
    assertThat(fx.manual.pending()).isEqualTo(1);

    fx.manual.run(0);
    fx.clock.runPending();
    fx.manual.runAll();

    assertThat(fx.ran).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void submit_twoFreeInstances_eachGetsItsOwnBatch() {
    var batcher = fx.manualBatcher(
        BatcherConfig.dynamic(2).maxQueueDelayMicros(1_000_000).build(), 2);
    List.of("a", "b", "c", "d", "e").forEach(p -> batcher.submit(req(p)));

    fx.clock.runPending();
    assertThat(fx.manual.pending()).isEqualTo(2);
    fx.manual.runAll();

    assertThat(fx.ran).containsExactly(List.of("a", "b"), List.of("c", "d"));
    assertThat(fx.ranOn).containsExactly(0, 1);
    assertThat(batcher.queuedRequests()).isEqualTo(1);
  }

  @Test
  void submit_batchHandedToExecutor_carriesRowsQueueTimesAndPriority() {
    var captured = new ArrayList<Batch<String>>();
    BatchExecutor<String, String> instance = batch -> {
      captured.add(batch);
      return batch.payloads();
    };
    var batcher = new DynamicBatcher<>(Fixture.MODEL,
        BatcherConfig.dynamic(8).maxQueueDelayMicros(5).build(), List.of(instance), fx.clock,
        fx.clock, fx.clock);
    batcher.submit(req("a", 2, "A"));
    fx.clock.advanceNanos(1_000);
    batcher.submit(req("b", 3, "A"));

    fx.clock.advanceNanos(4_000);

    Batch<String> batch = captured.get(0);
    assertThat(batch.rows()).isEqualTo(5);
    assertThat(batch.dispatchedAtNanos()).isEqualTo(5_000);
    assertThat(batch.items()).containsExactly(
        new Queued<>("a", 2, 0, 0), new Queued<>("b", 3, 1_000, 0));
  }
}
