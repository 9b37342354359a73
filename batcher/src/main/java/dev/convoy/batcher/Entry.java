package dev.convoy.batcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One accepted request while it waits. {@link #delayed} is guarded by the batcher's lock. */
final class Entry<I, O> {
  /** Where a queued request stands at a given instant. */
  enum Standing {
    WAITING,
    CANCELLED,
    DEADLINE_PASSED,
    TIMED_OUT
  }

  final long seq;
  final Queued<I> queued;
  final Object shapeKey;
  final long timeoutMicros;
  final CompletableFuture<O> future;
  private final long timeoutAtNanos;
  private final boolean delayOnTimeout;
  private final long deadlineNanos;
  private boolean delayed;

  Entry(long seq, BatchRequest<I> request, int priority, QueuePolicy policy, long now,
      CompletableFuture<O> future) {
    this.seq = seq;
    this.queued = new Queued<>(request.payload(), request.rows(), now, priority);
    this.shapeKey = request.shapeKey();
    this.timeoutMicros = policy.timeoutMicrosFor(request.timeoutMicros());
    this.timeoutAtNanos = timeoutMicros == 0
        ? Ticks.NONE
        : Ticks.plus(now, TimeUnit.MICROSECONDS.toNanos(timeoutMicros));
    this.delayOnTimeout = policy.timeoutAction() == QueuePolicy.TimeoutAction.DELAY;
    this.deadlineNanos = request.deadlineNanos();
    this.future = future;
  }

  /** A deadline passing wins over a timeout: the caller has gone either way. */
  Standing standing(long now) {
    if (future.isDone()) {
      return Standing.CANCELLED;
    }
    if (Ticks.reached(now, deadlineNanos)) {
      return Standing.DEADLINE_PASSED;
    }
    return !delayed && Ticks.reached(now, timeoutAtNanos) ? Standing.TIMED_OUT : Standing.WAITING;
  }

  boolean delayOnTimeout() {
    return delayOnTimeout;
  }

  boolean delayed() {
    return delayed;
  }

  void markDelayed() {
    delayed = true;
  }

  /** The next instant its standing changes by itself, or {@link Ticks#NONE}. */
  long nextChangeAt() {
    return Ticks.earliest(deadlineNanos, delayed ? Ticks.NONE : timeoutAtNanos);
  }

  QueueEntryView view() {
    long expiresAt = delayOnTimeout ? deadlineNanos : nextChangeAt();
    return new QueueEntryView(
        queued.rows(), shapeKey, queued.enqueuedAtNanos(), expiresAt, future.isDone());
  }
}
