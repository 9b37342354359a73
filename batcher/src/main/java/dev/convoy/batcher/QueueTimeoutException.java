package dev.convoy.batcher;

/** The request's queue timeout passed before it joined a batch (timeout_action REJECT). */
public final class QueueTimeoutException extends RejectedException {
  private final long timeoutMicros;

  QueueTimeoutException(String batcherName, long timeoutMicros) {
    super(batcherName, "request timed out after " + timeoutMicros
        + " us in the queue (timeout_action REJECT)");
    this.timeoutMicros = timeoutMicros;
  }

  public long timeoutMicros() {
    return timeoutMicros;
  }
}
