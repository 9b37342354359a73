package dev.convoy.batcher;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The part of a {@link BatcherConfig} that shapes batches, with times in nanoseconds.
 *
 * @param dynamic false: every batch is one request
 */
record BatchPolicy(
    boolean dynamic, int maxBatchSize, Set<Integer> preferredBatchSizes, long maxQueueDelayNanos) {

  BatchPolicy {
    preferredBatchSizes = Set.copyOf(preferredBatchSizes);
  }

  static BatchPolicy of(BatcherConfig config) {
    return new BatchPolicy(config.dynamicBatching(), config.maxBatchSize(),
        Set.copyOf(config.preferredBatchSizes()),
        TimeUnit.MICROSECONDS.toNanos(config.maxQueueDelayMicros()));
  }

  /** The same policy without the delay: used while draining, when no request will join. */
  BatchPolicy withoutDelay() {
    return new BatchPolicy(dynamic, maxBatchSize, preferredBatchSizes, 0);
  }

  /** The same policy with its delay {@code nanos} shorter (never below zero); itself for none. */
  BatchPolicy withDelayShortenedBy(long nanos) {
    if (nanos == 0) {
      return this;
    }
    return new BatchPolicy(dynamic, maxBatchSize, preferredBatchSizes,
        Math.max(0, maxQueueDelayNanos - nanos));
  }
}
