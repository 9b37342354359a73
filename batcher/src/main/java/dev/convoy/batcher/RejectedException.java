package dev.convoy.batcher;

/**
 * A request the batcher will not run: its queue was full, it waited too long, or the batcher
 * is closing. Messages name the batcher and the limit; callers branch on the type.
 */
public abstract sealed class RejectedException extends RuntimeException
    permits QueueFullException, QueueTimeoutException, DeadlineExpiredException,
        BatcherClosedException {
  private final String batcherName;

  RejectedException(String batcherName, String detail) {
    // No stack trace: refusals are expected under load and say all there is in the message.
    super("model '" + batcherName + "': " + detail, null, false, false);
    this.batcherName = batcherName;
  }

  /** The name the batcher was created with (the model's). */
  public String batcherName() {
    return batcherName;
  }
}
