package dev.convoy.batcher;

/** The request's queue held {@code max_queue_size} requests; refused at submission. */
public final class QueueFullException extends RejectedException {
  private final int priority;
  private final int maxQueueSize;

  QueueFullException(String batcherName, int priority, int maxQueueSize) {
    super(batcherName, (priority == 0 ? "queue" : "queue of priority level " + priority)
        + " is full (max_queue_size " + maxQueueSize + ")");
    this.priority = priority;
    this.maxQueueSize = maxQueueSize;
  }

  /** The level whose queue was full; 0 when priorities are off. */
  public int priority() {
    return priority;
  }

  public int maxQueueSize() {
    return maxQueueSize;
  }
}
