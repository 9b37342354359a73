package dev.convoy.batcher;

/** The caller's deadline passed before the request joined a batch; it never ran. */
public final class DeadlineExpiredException extends RejectedException {
  private final long queuedNanos;

  DeadlineExpiredException(String batcherName, long queuedNanos) {
    super(batcherName, queuedNanos == 0
        ? "deadline expired before the request was queued"
        : "deadline expired after " + queuedNanos / 1_000 + " us in the queue");
    this.queuedNanos = queuedNanos;
  }

  /** How long the request waited; 0 when it arrived already expired. */
  public long queuedNanos() {
    return queuedNanos;
  }
}
