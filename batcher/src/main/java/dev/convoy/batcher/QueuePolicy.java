package dev.convoy.batcher;

import java.util.Objects;

/**
 * Triton's {@code ModelQueuePolicy}: the limits of one priority level's queue.
 *
 * @param maxQueueSize requests the level may hold; beyond it a request is refused at once.
 *     0 = unbounded
 * @param defaultTimeoutMicros how long a request may wait in the queue; 0 = no timeout
 * @param allowTimeoutOverride whether a request's own timeout applies; it may shorten the
 *     default, never lengthen it
 * @param timeoutAction what happens to a request whose timeout passes while queued
 */
public record QueuePolicy(
    int maxQueueSize,
    long defaultTimeoutMicros,
    boolean allowTimeoutOverride,
    TimeoutAction timeoutAction) {
  /** Triton's defaults: unbounded, no timeout, no override, REJECT. */
  public static final QueuePolicy DEFAULT = new QueuePolicy(0, 0, false, TimeoutAction.REJECT);

  /** Triton's {@code ModelQueuePolicy.TimeoutAction}. */
  public enum TimeoutAction {
    /** Fail the request ({@link QueueTimeoutException}). */
    REJECT,
    /**
     * Keep it, behind every request of its own and higher priority levels that has not timed
     * out; it still goes before lower levels.
     */
    DELAY
  }

  public QueuePolicy {
    if (maxQueueSize < 0) {
      throw new IllegalArgumentException(
          "max_queue_size must not be negative, got " + maxQueueSize);
    }
    if (defaultTimeoutMicros < 0) {
      throw new IllegalArgumentException(
          "default_timeout_microseconds must not be negative, got " + defaultTimeoutMicros);
    }
    Objects.requireNonNull(timeoutAction, "timeout_action");
  }

  /** A queue of at most {@code maxQueueSize} requests and otherwise Triton's defaults. */
  public static QueuePolicy bounded(int maxQueueSize) {
    return new QueuePolicy(maxQueueSize, 0, false, TimeoutAction.REJECT);
  }

  /**
   * The timeout a request gets, in microseconds (0 = none). With the override allowed, a
   * request's non-zero timeout replaces the default when it is shorter; no default counts as
   * infinitely long, so then any request timeout applies.
   */
  public long timeoutMicrosFor(long requestedMicros) {
    boolean shorter =
        requestedMicros > 0
            && (defaultTimeoutMicros == 0 || requestedMicros < defaultTimeoutMicros);
    return allowTimeoutOverride && shorter ? requestedMicros : defaultTimeoutMicros;
  }
}
