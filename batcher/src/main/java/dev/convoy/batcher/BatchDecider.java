package dev.convoy.batcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Triton's dynamic batching decision, as a pure function of (ordered queue, now, policy).
 *
 * <p>The batch grows from the first live request (the head: highest priority, then oldest)
 * through the later live requests of the same shape, in queue order, while their rows fit
 * {@code max_batch_size}; it stops at the first that does not fit, so no request is overtaken
 * by a later one of its shape. Requests of other shapes are passed over and wait for a later
 * batch. The batch then goes:
 *
 * <ol>
 *   <li>at once, cut to the largest preferred size it passed, if it passed one;
 *   <li>at once, whole, if it can grow no further (maximum reached, or the next request of its
 *       shape does not fit);
 *   <li>otherwise whole, once its oldest request has waited {@code max_queue_delay}; before that
 *       the answer is to wait for the rest of the delay.
 * </ol>
 */
final class BatchDecider {
  private BatchDecider() {}

  static BatchDecision decide(List<QueueEntryView> queue, long now, BatchPolicy policy) {
    int head = firstLive(queue, now);
    if (head < 0) {
      return new BatchDecision.Idle();
    }
    if (!policy.dynamic()) {
      return new BatchDecision.Dispatch(List.of(head));
    }
    Candidate batch = Candidate.grow(queue, head, now, policy);
    if (batch.preferredCount > 0) {
      return new BatchDecision.Dispatch(batch.indices.subList(0, batch.preferredCount));
    }
    long waited = now - batch.oldestEnqueuedAt;
    if (batch.full || waited >= policy.maxQueueDelayNanos()) {
      return new BatchDecision.Dispatch(batch.indices);
    }
    return new BatchDecision.Wait(policy.maxQueueDelayNanos() - waited);
  }

  private static int firstLive(List<QueueEntryView> queue, long now) {
    for (int i = 0; i < queue.size(); i++) {
      if (queue.get(i).live(now)) {
        return i;
      }
    }
    return -1;
  }

  /** The largest batch that can be formed from the head's shape group. */
  private static final class Candidate {
    final List<Integer> indices = new ArrayList<>();
    int rows;
    int preferredCount; // requests in the largest preferred-size prefix; 0 if none
    long oldestEnqueuedAt;
    boolean full;

    static Candidate grow(List<QueueEntryView> queue, int head, long now, BatchPolicy policy) {
      Candidate batch = new Candidate();
      batch.oldestEnqueuedAt = queue.get(head).enqueuedAtNanos();
      Object shape = queue.get(head).shapeKey();
      for (int i = head; i < queue.size() && !batch.full; i++) {
        QueueEntryView entry = queue.get(i);
        if (entry.live(now) && shape.equals(entry.shapeKey())) {
          batch.offer(i, entry, policy);
        }
      }
      return batch;
    }

    private void offer(int index, QueueEntryView entry, BatchPolicy policy) {
      if (rows + entry.rows() > policy.maxBatchSize()) {
        full = true;
        return;
      }
      indices.add(index);
      rows += entry.rows();
      if (entry.enqueuedAtNanos() - oldestEnqueuedAt < 0) {
        oldestEnqueuedAt = entry.enqueuedAtNanos();
      }
      if (policy.preferredBatchSizes().contains(rows)) {
        preferredCount = indices.size();
      }
      full = rows == policy.maxBatchSize();
    }
  }
}
