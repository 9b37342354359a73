package dev.convoy.batcher;

/**
 * What the dispatch decision sees of one queued request: a snapshot taken under the batcher's
 * lock, so the decision is a function of its arguments alone.
 *
 * @param expiresAtNanos when it may no longer join a batch (its deadline, or its REJECT
 *     timeout); {@link Ticks#NONE} for never
 * @param cancelled the caller gave up on it (cancelled or completed its future)
 */
record QueueEntryView(
    int rows, Object shapeKey, long enqueuedAtNanos, long expiresAtNanos, boolean cancelled) {

  /** Whether it may still join a batch at {@code now}. */
  boolean live(long now) {
    return !cancelled && !Ticks.reached(now, expiresAtNanos);
  }
}
