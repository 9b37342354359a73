package dev.convoy.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.batcher.BatchDecision.Dispatch;
import dev.convoy.batcher.BatchDecision.Idle;
import dev.convoy.batcher.BatchDecision.Wait;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random queues through the real queue order and the decision: whatever is dispatched fits
 * max_batch_size, has one shape, and never leaves behind a live request of its shape that is
 * ahead in (priority, arrival) order.
 */
class BatchDeciderPropertyTest {
  private static final int CASES = 3_000;
  private static final String[] SHAPES = {"A", "B", "C"};

  @Test
  void decide_randomQueues_batchesFitOneShapeAndRespectPriorityAndFifo() {
    Random random = new Random(20_240_601);
    for (int i = 0; i < CASES; i++) {
      checkOne(random, "case " + i);
    }
  }

  private void checkOne(Random random, String label) {
    int levels = random.nextInt(4);
    BatchPolicy policy = randomPolicy(random);
    QueuePolicy delayAfterOneMicro = new QueuePolicy(0, 1, false, QueuePolicy.TimeoutAction.DELAY);
    BatcherConfig config = BatcherConfig.dynamic(policy.maxBatchSize())
        .priorityLevels(levels, levels == 0 ? 0 : 1 + random.nextInt(levels))
        .defaultQueuePolicy(random.nextBoolean() ? delayAfterOneMicro : QueuePolicy.DEFAULT)
        .build();
    PendingQueue<String, String> queue = new PendingQueue<>(config);
    long now = 10_000;
    int count = random.nextInt(12);
    for (int seq = 0; seq < count; seq++) {
      queue.add(randomEntry(random, seq, config, policy.maxBatchSize(), now));
    }
    queue.expire(now); // drops the expired, delays the timed out, as a pass does
    List<Entry<String, String>> ordered = queue.ordered();
    assertOrderedByPriorityThenArrival(ordered, label);
    List<QueueEntryView> views = ordered.stream().map(Entry::view).toList();
    BatchDecision decision = BatchDecider.decide(views, now, policy);
    check(decision, views, now, policy, label);
  }

  private static BatchPolicy randomPolicy(Random random) {
    int max = 1 + random.nextInt(10);
    Set<Integer> preferred = new HashSet<>();
    IntStream.range(0, random.nextInt(3)).forEach(k -> preferred.add(1 + random.nextInt(max)));
    return new BatchPolicy(true, max, preferred, random.nextInt(3) * 1_000L);
  }

  private static Entry<String, String> randomEntry(Random random, int seq, BatcherConfig config,
      int maxRows, long now) {
    int priority = config.priorityOf(random.nextInt(config.priorityLevels() + 2));
    long enqueuedAt = now - random.nextInt(3_000);
    long deadline = random.nextInt(5) == 0 ? now - random.nextInt(2) : Ticks.NONE;
    BatchRequest<String> request = new BatchRequest<>("r" + seq, 1 + random.nextInt(maxRows),
        SHAPES[random.nextInt(SHAPES.length)], priority, 0, deadline);
    CompletableFuture<String> future = new CompletableFuture<>();
    if (random.nextInt(6) == 0) {
      future.cancel(false);
    }
    return new Entry<>(seq, request, priority, config.queuePolicy(priority), enqueuedAt, future);
  }

  private static void assertOrderedByPriorityThenArrival(List<Entry<String, String>> ordered,
      String label) {
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(orderKey(ordered.get(i - 1))).as(label + ": queue order at " + i)
          .isLessThan(orderKey(ordered.get(i)));
    }
  }

  /** Priority level, then not-delayed before delayed, then arrival. */
  private static long orderKey(Entry<String, String> entry) {
    return entry.queued.priority() * 1_000_000L + (entry.delayed() ? 1_000 : 0) + entry.seq;
  }

  private static void check(BatchDecision decision, List<QueueEntryView> views, long now,
      BatchPolicy policy, String label) {
    List<Integer> live = IntStream.range(0, views.size())
        .filter(i -> views.get(i).live(now)).boxed().toList();
    if (decision instanceof Idle) {
      assertThat(live).as(label + ": idle with live requests").isEmpty();
      return;
    }
    assertThat(live).as(label).isNotEmpty();
    if (decision instanceof Wait wait) {
      assertThat(wait.nanos()).as(label).isPositive()
          .isLessThanOrEqualTo(policy.maxQueueDelayNanos());
      return;
    }
    List<Integer> picked = ((Dispatch) decision).indices();
    Object shape = views.get(live.get(0)).shapeKey();
    assertThat(picked).as(label + ": starts at the head").startsWith(live.get(0));
    assertThat(picked).as(label + ": ascending").isSorted().doesNotHaveDuplicates();
    int rows = 0;
    for (int index : picked) {
      assertThat(views.get(index).live(now)).as(label + ": live").isTrue();
      assertThat(views.get(index).shapeKey()).as(label + ": one shape").isEqualTo(shape);
      rows += views.get(index).rows();
    }
    assertThat(rows).as(label + ": rows").isBetween(1, policy.maxBatchSize());
    int last = picked.get(picked.size() - 1);
    List<Integer> passedOver = new ArrayList<>();
    for (int index : live) {
      if (index < last && shape.equals(views.get(index).shapeKey()) && !picked.contains(index)) {
        passedOver.add(index);
      }
    }
    assertThat(passedOver).as(label + ": same-shape requests ahead left behind in " + views)
        .isEmpty();
    live.stream().filter(i -> i > last && shape.equals(views.get(i).shapeKey())).findFirst()
        .filter(next -> !policy.preferredBatchSizes().contains(rowsOf(picked, views)))
        .ifPresent(next -> assertThat(rowsOf(picked, views) + views.get(next).rows())
            .as(label + ": sent a batch that could still grow")
            .isGreaterThan(policy.maxBatchSize()));
  }

  private static int rowsOf(List<Integer> picked, List<QueueEntryView> views) {
    return picked.stream().mapToInt(i -> views.get(i).rows()).sum();
  }
}
