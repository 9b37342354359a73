package dev.convoy.batcher;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A batch on its way to one instance, with the queue entries whose futures it completes. It
 * is run on one thread and then released under the batcher's lock by that same thread.
 */
final class Launch<I, O> {
  final int instance;
  final Batch<I> batch;
  private final List<Entry<I, O>> entries;
  /** When the delay that sent it ended, for a batch a wake-up sent; else {@link Ticks#NONE}. */
  long delayEndsAt = Ticks.NONE;
  private List<O> results;
  private Throwable failure;

  Launch(int instance, Batch<I> batch, List<Entry<I, O>> entries) {
    this.instance = instance;
    this.batch = batch;
    this.entries = List.copyOf(entries);
  }

  /** When its oldest request was queued. */
  long oldestEnqueuedAt() {
    long oldest = entries.get(0).queued.enqueuedAtNanos();
    for (Entry<I, O> entry : entries) {
      oldest = Ticks.earliest(oldest, entry.queued.enqueuedAtNanos());
    }
    return oldest;
  }

  /** Runs the batch; whatever {@code executor} throws fails this batch and only this one. */
  void run(BatchExecutor<I, O> executor, String batcherName) {
    try {
      results = executor.execute(batch);
      if (results == null || results.size() != entries.size()) {
        failure = new IllegalStateException("model '" + batcherName + "': instance " + instance
            + " returned " + (results == null ? "null" : results.size() + " results")
            + " for a batch of " + entries.size() + " requests");
      }
    } catch (Throwable t) { // an Error too: callers must hear back and the instance must free up
      failure = t;
    }
  }

  /** Marks the whole batch failed without running it. */
  void fail(Throwable cause) {
    failure = cause;
  }

  /** Hands each request's completion to {@code completions}; call under the batcher's lock. */
  void release(Completions completions) {
    for (int i = 0; i < entries.size(); i++) {
      CompletableFuture<O> future = entries.get(i).future;
      Throwable cause = failure;
      O result = cause == null ? results.get(i) : null;
      completions.inOrder(entries.get(i).seq, () -> {
        if (cause == null) {
          future.complete(result);
        } else {
          future.completeExceptionally(cause);
        }
      });
    }
  }
}
