package dev.convoy.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.batcher.Entry.Standing;
import dev.convoy.batcher.PendingQueue.Dropped;
import dev.convoy.batcher.QueuePolicy.TimeoutAction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Queue order and queue policies, without threads. Times in ns; 1 us = 1_000 ns. */
class PendingQueueTest {
  private static final QueuePolicy DELAY_10US = new QueuePolicy(0, 10, false, TimeoutAction.DELAY);
  private static final QueuePolicy REJECT_10US =
      new QueuePolicy(0, 10, false, TimeoutAction.REJECT);

  private final BatcherConfig threeLevels = BatcherConfig.dynamic(8).priorityLevels(3, 2)
      .priorityQueuePolicy(1, DELAY_10US).priorityQueuePolicy(3, QueuePolicy.bounded(1)).build();
  private final PendingQueue<String, String> queue = new PendingQueue<>(threeLevels);
  private int seq;

  private Entry<String, String> add(String payload, int requestedPriority, long now) {
    return add(new BatchRequest<>(payload, 1, "A", requestedPriority, 0, Ticks.NONE), now);
  }

  private Entry<String, String> add(BatchRequest<String> request, long now) {
    int priority = threeLevels.priorityOf(request.priority());
    Entry<String, String> entry = new Entry<>(seq++, request, priority,
        threeLevels.queuePolicy(priority), now, new CompletableFuture<>());
    queue.add(entry);
    return entry;
  }

  private List<String> order() {
    return queue.ordered().stream().map(entry -> entry.queued.payload()).toList();
  }

  @Test
  void ordered_mixedLevels_highestLevelFirstThenArrival() {
    add("low", 3, 0);
    add("default", 0, 0);
    add("high1", 1, 0);
    add("high2", 1, 0);

    assertThat(order()).containsExactly("high1", "high2", "default", "low");
  }

  @Test
  void priorityOf_levelOutOfRange_takesDefaultLevel() {
    add("out-of-range", 7, 0);

    assertThat(queue.ordered().get(0).queued.priority()).isEqualTo(2);
  }

  @Test
  void expire_delayTimeoutPassed_movesBehindOwnLevelButAheadOfLowerLevels() {
    add("old-high", 1, 0);
    add("default", 2, 0);
    add("fresh-high", 1, 5_000);

    List<Dropped<String, String>> dropped = queue.expire(10_000);

    assertThat(dropped).isEmpty();
    assertThat(order()).containsExactly("fresh-high", "old-high", "default");
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void expire_delayTimeoutOneNanosecondShort_keepsPlace() {
    add("old-high", 1, 0);
    add("fresh-high", 1, 5_000);

    queue.expire(9_999);

    assertThat(order()).containsExactly("old-high", "fresh-high");
  }

  @Test
  void expire_rejectTimeoutPassed_dropsAsTimedOut() {
    PendingQueue<String, String> rejecting = new PendingQueue<>(
        BatcherConfig.dynamic(8).defaultQueuePolicy(REJECT_10US).build());
    Entry<String, String> entry = new Entry<>(0, BatchRequest.of("a", 1, "A"), 0, REJECT_10US, 0,
        new CompletableFuture<>());
    rejecting.add(entry);

    assertThat(rejecting.expire(9_999)).isEmpty();
    assertThat(rejecting.expire(10_000)).containsExactly(new Dropped<>(entry, Standing.TIMED_OUT));
    assertThat(rejecting.size()).isZero();
  }

  @Test
  void expire_deadlinePassed_dropsAsDeadlineEvenWhenDelayed() {
    Entry<String, String> entry =
        add(new BatchRequest<>("a", 1, "A", 1, 0, 20_000), 0);
    queue.expire(10_000); // delayed by its level's DELAY policy

    assertThat(queue.expire(20_000))
        .containsExactly(new Dropped<>(entry, Standing.DEADLINE_PASSED));
  }

  @Test
  void expire_cancelledFuture_leftForRemove() {
    Entry<String, String> entry = add("a", 2, 0);
    entry.future.cancel(false);

    assertThat(queue.expire(0)).isEmpty();
    assertThat(queue.remove(entry)).isTrue();
    assertThat(queue.ordered()).isEmpty();
  }

  @Test
  void expire_cancelledThenDeadlinePassed_dropsAsCancelled() {
    Entry<String, String> entry = add(new BatchRequest<>("a", 1, "A", 2, 0, 5_000), 0);
    entry.future.cancel(false);

    assertThat(queue.expire(5_000)).containsExactly(new Dropped<>(entry, Standing.CANCELLED));
    assertThat(queue.size()).isZero();
  }

  @Test
  void ordered_readLazily_matchesEveryEntryInOrder() {
    add("b", 2, 0);
    add("a", 1, 0);
    add("c", 2, 0);

    List<Entry<String, String>> ordered = queue.ordered();

    assertThat(ordered).hasSize(3);
    assertThat(ordered.get(2).queued.payload()).isEqualTo("c");
    assertThat(ordered.get(0).queued.payload()).isEqualTo("a");
  }

  @Test
  void isFull_levelAtMaxQueueSize_onlyThatLevelIsFull() {
    add("low", 3, 0);

    assertThat(queue.isFull(3)).isTrue();
    assertThat(queue.isFull(2)).isFalse();
  }

  @Test
  void nextChangeAt_timeoutsAndDeadlines_earliestPending() {
    add(new BatchRequest<>("deadline", 1, "A", 2, 0, 7_000), 0);
    add("delay-timeout", 1, 2_000);

    assertThat(queue.nextChangeAt()).isEqualTo(7_000);
    queue.expire(7_000);
    assertThat(queue.nextChangeAt()).isEqualTo(12_000);
    queue.expire(12_000);
    assertThat(queue.nextChangeAt()).isEqualTo(Ticks.NONE); // delayed: no further change
  }

  @Test
  void remove_queuedThenAgain_trueOnceThenFalse() {
    Entry<String, String> entry = add("a", 2, 0);

    assertThat(queue.remove(entry)).isTrue();
    assertThat(queue.remove(entry)).isFalse();
    assertThat(queue.size()).isZero();
  }

  @Test
  void view_delayPolicy_timeoutDoesNotExpireButDeadlineDoes() {
    Entry<String, String> delayed = add(new BatchRequest<>("a", 1, "A", 1, 0, 50_000), 0);
    PendingQueue<String, String> rejecting = new PendingQueue<>(
        BatcherConfig.dynamic(8).defaultQueuePolicy(REJECT_10US).build());
    Entry<String, String> rejected = new Entry<>(0, BatchRequest.of("b", 1, "A"), 0, REJECT_10US,
        0, new CompletableFuture<>());
    rejecting.add(rejected);

    assertThat(delayed.view().expiresAtNanos()).isEqualTo(50_000);
    assertThat(rejected.view().expiresAtNanos()).isEqualTo(10_000);
  }
}
