package dev.convoy.loadtest.sweep;

/**
 * A model's cumulative server-side statistics (ModelStatistics' inference_stats): successful
 * requests and the nanoseconds they spent queued and in compute.
 */
public record ServerTimes(long count, long queueNanos, long inputNanos, long inferNanos,
    long outputNanos) {

  public static final ServerTimes NONE = new ServerTimes(0, 0, 0, 0, 0);

  /** What happened between {@code earlier} and this reading. */
  public ServerTimes minus(ServerTimes earlier) {
    return new ServerTimes(count - earlier.count, queueNanos - earlier.queueNanos,
        inputNanos - earlier.inputNanos, inferNanos - earlier.inferNanos,
        outputNanos - earlier.outputNanos);
  }

  /** Mean per request of one of the times; 0 without requests. */
  long perRequest(long nanos) {
    return count <= 0 ? 0 : nanos / count;
  }
}
