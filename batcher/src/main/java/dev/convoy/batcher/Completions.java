package dev.convoy.batcher;

import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Releases finished requests' completions, in acceptance order when preserve_ordering is on.
 *
 * <p>Every accepted request has a sequence number, released exactly once: with its result
 * ({@link #inOrder}) or as a gap ({@link #skip}) when it left the queue without running. Those
 * calls, and {@link #now}, are made under the batcher's lock, which fixes the release order;
 * {@link #runReady} runs the released completions outside it, so callers' callbacks never run
 * under the lock. With ordering, one thread at a time runs them, keeping that order; without,
 * any thread may run any.
 */
final class Completions {
  private static final Runnable GAP = () -> {};

  private final boolean ordered;
  private final TreeMap<Long, Runnable> held = new TreeMap<>(); // guarded by the batcher lock
  private long nextSeq; // guarded by the batcher lock
  private final Queue<Runnable> ready = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  Completions(boolean ordered) {
    this.ordered = ordered;
  }

  /** Releases a completion outside the order: refusals and the drain signal. */
  void now(Runnable completion) {
    ready.add(completion);
  }

  /** Releases request {@code seq}'s completion once every earlier request's is released. */
  void inOrder(long seq, Runnable completion) {
    if (!ordered) {
      ready.add(completion);
      return;
    }
    held.put(seq, completion);
    releaseHeld();
  }

  /** Request {@code seq} will have no ordered completion. */
  void skip(long seq) {
    if (ordered) {
      held.put(seq, GAP);
      releaseHeld();
    }
  }

  /** Runs released completions; call without holding the batcher's lock. */
  void runReady() {
    if (!ordered) {
      runAll();
      return;
    }
    // Re-check after letting go: another thread may have released more meanwhile.
    while (!ready.isEmpty() && running.compareAndSet(false, true)) {
      try {
        runAll();
      } finally {
        running.set(false);
      }
    }
  }

  private void releaseHeld() {
    for (Runnable next = held.remove(nextSeq); next != null; next = held.remove(nextSeq)) {
      nextSeq++;
      if (next != GAP) {
        ready.add(next);
      }
    }
  }

  private void runAll() {
    for (Runnable completion = ready.poll(); completion != null; completion = ready.poll()) {
      completion.run();
    }
  }
}
