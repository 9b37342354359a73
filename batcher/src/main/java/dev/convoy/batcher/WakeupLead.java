package dev.convoy.batcher;

/**
 * How much earlier than a batch's queue delay ends its wake-up is set, so that the batch starts
 * running when the delay ends rather than that late: a timer fires some tens of microseconds
 * after its time, and the instance's thread wakes later still. Learnt per batcher from the
 * batches its delay wake-ups dispatched: each one moves the lead by an eighth of how late (or
 * early) it started, so the lead settles where those batches start on time. It stays within
 * zero and a quarter of the delay, so a stall (a GC pause, a busy machine) never sends a batch
 * much before its delay ends.
 */
final class WakeupLead {
  private static final int GAIN_SHIFT = 3; // a batch corrects an eighth of its error
  private static final int MAX_SHARE_SHIFT = 2; // at most a quarter of the delay

  private final long maxNanos;
  private long nanos;

  WakeupLead(long maxQueueDelayNanos) {
    this.maxNanos = maxQueueDelayNanos >> MAX_SHARE_SHIFT;
  }

  long nanos() {
    return nanos;
  }

  /** A batch its delay's wake-up dispatched started {@code lateNanos} after the delay ended. */
  void started(long lateNanos) {
    nanos = Math.max(0, Math.min(maxNanos, nanos + (lateNanos >> GAIN_SHIFT)));
  }
}
