package dev.convoy.batcher;

import static dev.convoy.batcher.Fixture.failure;
import static dev.convoy.batcher.Fixture.req;
import static dev.convoy.batcher.Fixture.withDeadline;
import static dev.convoy.batcher.Fixture.withPriority;
import static dev.convoy.batcher.Fixture.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.batcher.QueuePolicy.TimeoutAction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Queue limits, priorities, timeouts, deadlines and cancellation, on a fake clock. Most
 * tests keep the only instance busy (its batch held in the manual executor) so requests
 * stay queued while time moves.
 */
class DynamicBatcherQueuePolicyTest {
  private final Fixture fx = new Fixture();

  /** Occupies the single instance with a batch that runs only when the test says so. */
  private void occupyInstance(DynamicBatcher<String, String> batcher) {
    batcher.submit(req("busy"));
    fx.clock.runPending();
    assertThat(fx.manual.pending()).isEqualTo(1);
  }

  /** Lets the busy batch finish, then runs every batch that follows. */
  private void freeInstance() {
    while (fx.manual.pending() > 0) {
      fx.manual.run(0);
      fx.clock.runPending();
    }
  }

  @Test
  void submit_queueAtMaxQueueSize_failsAtOnceNamingModelAndLimit() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8)
        .defaultQueuePolicy(QueuePolicy.bounded(2)).maxQueueDelayMicros(1_000).build(), 1);
    batcher.submit(req("a"));
    batcher.submit(req("b"));

    CompletableFuture<String> refused = batcher.submit(req("c"));

    assertThat(refused).isCompletedExceptionally();
    assertThat(failure(refused)).isInstanceOf(QueueFullException.class)
        .hasMessage("model 'resnet': queue is full (max_queue_size 2)");
    assertThat(batcher.queuedRequests()).isEqualTo(2);
  }

  @Test
  void submit_oneLevelFull_otherLevelsStillAccept() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8).priorityLevels(2, 2)
        .priorityQueuePolicy(1, QueuePolicy.bounded(1)).maxQueueDelayMicros(1_000).build(), 1);
    batcher.submit(withPriority("high", 1));

    CompletableFuture<String> refused = batcher.submit(withPriority("high2", 1));
    CompletableFuture<String> accepted = batcher.submit(withPriority("low", 2));

    assertThat(failure(refused)).isInstanceOf(QueueFullException.class)
        .hasMessage("model 'resnet': queue of priority level 1 is full (max_queue_size 1)");
    assertThat(accepted).isNotDone();
  }

  @Test
  void submit_rowsOutOfRange_failsWithInvalidRequest() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).build(), 1);

    CompletableFuture<String> tooMany = batcher.submit(req("a", 9, "A"));
    CompletableFuture<String> none = batcher.submit(req("b", 0, "A"));

    assertThat(failure(tooMany)).isInstanceOf(InvalidBatchRequestException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model 'resnet': request has 9 rows, more than max_batch_size 8");
    assertThat(failure(none)).isInstanceOf(InvalidBatchRequestException.class)
        .hasMessage("model 'resnet': a request needs at least 1 row, got 0");
    assertThat(batcher.queuedRequests()).isZero();
  }

  @Test
  void submit_higherPriorityArrivesLater_runsFirst() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).priorityLevels(2, 2).build(), 1);
    occupyInstance(batcher);
    batcher.submit(withPriority("low", 2));
    batcher.submit(withPriority("high", 1));

    freeInstance();

    assertThat(fx.ran).containsExactly(List.of("busy"), List.of("high"), List.of("low"));
  }

  @Test
  void submit_prioritiesInOneBatch_highestLevelFirstInItems() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8).priorityLevels(2, 2).build(), 1);
    occupyInstance(batcher);
    batcher.submit(withPriority("low", 2));
    batcher.submit(withPriority("high", 1));

    freeInstance();

    assertThat(fx.ran).containsExactly(List.of("busy"), List.of("high", "low"));
  }

  @Test
  void timeout_rejectActionExpires_failsAtTimeoutAndNeverRuns() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8)
        .defaultQueuePolicy(new QueuePolicy(0, 100, false, TimeoutAction.REJECT)).build(), 1);
    occupyInstance(batcher);
    CompletableFuture<String> late = batcher.submit(req("late"));

    fx.clock.advanceNanos(100_000 - 1);
    assertThat(late).isNotDone();
    fx.clock.advanceNanos(1);

    assertThat(failure(late)).isInstanceOf(QueueTimeoutException.class).hasMessage(
        "model 'resnet': request timed out after 100 us in the queue (timeout_action REJECT)");
    freeInstance();
    assertThat(fx.ran).containsExactly(List.of("busy"));
  }

  @Test
  void timeout_delayActionExpires_runsAfterRequestsStillInTime() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1)
        .defaultQueuePolicy(new QueuePolicy(0, 100, false, TimeoutAction.DELAY)).build(), 1);
    occupyInstance(batcher);
    CompletableFuture<String> old = batcher.submit(req("old"));
    fx.clock.advanceNanos(100_000);
    batcher.submit(req("fresh"));

    freeInstance();

    assertThat(fx.ran).containsExactly(List.of("busy"), List.of("fresh"), List.of("old"));
    assertThat(old).isCompletedWithValue("OLD");
  }

  @Test
  void timeout_delayedHighPriority_stillAheadOfLowerLevel() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(1).priorityLevels(2, 2)
        .priorityQueuePolicy(1, new QueuePolicy(0, 100, false, TimeoutAction.DELAY)).build(), 1);
    occupyInstance(batcher);
    batcher.submit(withPriority("old-high", 1));
    fx.clock.advanceNanos(100_000);
    batcher.submit(withPriority("low", 2));
    batcher.submit(withPriority("fresh-high", 1));

    freeInstance();

    assertThat(fx.ran).containsExactly(
        List.of("busy"), List.of("fresh-high"), List.of("old-high"), List.of("low"));
  }

  @Test
  void timeout_overrideAllowedAndShorter_requestTimeoutApplies() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8)
        .defaultQueuePolicy(new QueuePolicy(0, 100, true, TimeoutAction.REJECT)).build(), 1);
    occupyInstance(batcher);
    CompletableFuture<String> shorter = batcher.submit(withTimeout("shorter", 10));
    CompletableFuture<String> longer = batcher.submit(withTimeout("longer", 500));

    fx.clock.advanceNanos(10_000);
    assertThat(failure(shorter)).isInstanceOf(QueueTimeoutException.class);
    assertThat(longer).isNotDone();
    fx.clock.advanceNanos(90_000);

    assertThat(failure(longer)).isInstanceOf(QueueTimeoutException.class)
        .hasMessageContaining("after 100 us");
  }

  @Test
  void timeout_overrideNotAllowed_requestTimeoutIgnored() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8)
        .defaultQueuePolicy(new QueuePolicy(0, 100, false, TimeoutAction.REJECT)).build(), 1);
    occupyInstance(batcher);
    CompletableFuture<String> request = batcher.submit(withTimeout("r", 10));

    fx.clock.advanceNanos(99_999);
    assertThat(request).isNotDone();
    fx.clock.advanceNanos(1);

    assertThat(failure(request)).isInstanceOf(QueueTimeoutException.class);
  }

  @Test
  void deadline_passesWhileQueued_failsAtDeadlineAndNeverRuns() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8).build(), 1);
    occupyInstance(batcher);
    CompletableFuture<String> request = batcher.submit(withDeadline("r", 50_000));

    fx.clock.advanceNanos(49_999);
    assertThat(request).isNotDone();
    fx.clock.advanceNanos(1);

    assertThat(failure(request)).isInstanceOf(DeadlineExpiredException.class)
        .hasMessage("model 'resnet': deadline expired after 50 us in the queue");
    freeInstance();
    assertThat(fx.ran).containsExactly(List.of("busy"));
  }

  @Test
  void deadline_alreadyPassedAtSubmit_failsAtOnce() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).build(), 1);
    fx.clock.advanceNanos(10);

    CompletableFuture<String> request = batcher.submit(withDeadline("r", 10));

    assertThat(failure(request)).isInstanceOf(DeadlineExpiredException.class)
        .hasMessage("model 'resnet': deadline expired before the request was queued");
  }

  @Test
  void cancel_queuedRequest_leavesQueueAndNeverReachesExecutor() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(100).build(), 1);
    CompletableFuture<String> cancelled = batcher.submit(req("cancelled"));
    batcher.submit(req("kept"));

    cancelled.cancel(true);
    assertThat(batcher.queuedRequests()).isEqualTo(1);
    fx.clock.advanceNanos(100_000);

    assertThat(fx.ran).containsExactly(List.of("kept"));
  }

  @Test
  void cancel_whileWaitingOutQueueDelay_neverReachesExecutor() {
    var batcher = fx.batcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(100).build(), 1);
    CompletableFuture<String> cancelled = batcher.submit(req("cancelled"));

    cancelled.cancel(false);
    fx.clock.advanceNanos(100_000);

    assertThat(fx.ran).isEmpty();
    assertThat(batcher.queuedRequests()).isZero();
  }

  @Test
  void cancel_callerCompletesFutureWhileQueued_requestDropped() {
    var batcher = fx.manualBatcher(BatcherConfig.dynamic(8).build(), 1);
    occupyInstance(batcher);
    CompletableFuture<String> request = batcher.submit(req("r"));

    request.completeExceptionally(new IllegalStateException("caller timed out"));
    freeInstance();

    assertThat(fx.ran).containsExactly(List.of("busy"));
  }
}
