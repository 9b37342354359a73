package dev.convoy.loadtest.report;

import dev.convoy.loadtest.engine.LoadResult;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * ghz's response-time histogram: 11 marks from the fastest to the slowest successful call,
 * 10 equal steps apart; a mark counts the calls above the previous mark and up to itself.
 * Counted from the HdrHistogram, so a call may land one bucket off when it is within 0.1% of
 * a mark.
 */
final class LatencyBuckets {

  static final int STEPS = 10;

  /**
   * One bucket.
   *
   * @param markNanos upper edge
   * @param count calls in the bucket
   * @param frequency count divided by the successful calls
   */
  record Bucket(long markNanos, long count, double frequency) {}

  private LatencyBuckets() {}

  static List<Bucket> of(LoadResult result) {
    Histogram histogram = result.latency();
    long total = histogram.getTotalCount();
    List<Bucket> buckets = new ArrayList<>();
    if (total == 0) {
      return buckets;
    }
    long fastest = result.fastestNanos();
    long slowest = result.slowestNanos();
    long[] marks = new long[STEPS + 1];
    for (int i = 0; i < STEPS; i++) {
      marks[i] = fastest + (slowest - fastest) * i / STEPS;
    }
    marks[STEPS] = slowest;
    long[] counts = new long[STEPS + 1];
    for (HistogramIterationValue v : histogram.recordedValues()) {
      long recorded = histogram.medianEquivalentValue(v.getValueIteratedTo());
      long value = Math.max(fastest, Math.min(slowest, recorded));
      int bucket = 0;
      while (bucket < STEPS && value > marks[bucket]) {
        bucket++;
      }
      counts[bucket] += v.getCountAtValueIteratedTo();
    }
    for (int i = 0; i <= STEPS; i++) {
      buckets.add(new Bucket(marks[i], counts[i], (double) counts[i] / total));
    }
    return buckets;
  }
}
