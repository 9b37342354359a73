package dev.convoy.loadtest.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model executions the server made during a measured phase, from the difference of two
 * ModelStatistics readings: how many rows each execution carried.
 *
 * @param executionsByBatchSize executions per executed batch size (rows)
 */
public record BatchObservation(Map<Long, Long> executionsByBatchSize) {

  public BatchObservation {
    executionsByBatchSize = Map.copyOf(executionsByBatchSize);
  }

  /** What executed between two readings of executions by batch size (later minus earlier). */
  public static BatchObservation between(Map<Long, Long> before, Map<Long, Long> after) {
    Map<Long, Long> executed = new HashMap<>();
    after.forEach((size, count) -> {
      long delta = count - before.getOrDefault(size, 0L);
      if (delta > 0) {
        executed.put(size, delta);
      }
    });
    return new BatchObservation(executed);
  }

  /** Both observations' executions together. */
  public BatchObservation plus(BatchObservation other) {
    Map<Long, Long> sum = new HashMap<>(executionsByBatchSize);
    other.executionsByBatchSize.forEach((size, count) -> sum.merge(size, count, Long::sum));
    return new BatchObservation(sum);
  }

  public long executions() {
    return executionsByBatchSize.values().stream().mapToLong(Long::longValue).sum();
  }

  public long rows() {
    return executionsByBatchSize.entrySet().stream()
        .mapToLong(e -> e.getKey() * e.getValue())
        .sum();
  }

  /** Rows per execution; 0 when nothing executed. */
  public double averageBatch() {
    long executions = executions();
    return executions == 0 ? 0 : (double) rows() / executions;
  }

  /**
   * The in-process batch size that stands for this mix: the average, rounded. Execution cost
   * is close to affine in the batch size, so the average batch has the mix's cost per row.
   * 0 when nothing executed.
   */
  public int representativeBatch() {
    return executions() == 0 ? 0 : (int) Math.max(1, Math.round(averageBatch()));
  }

  /** The batch size executed most often (the larger on a tie); 0 when nothing executed. */
  public long mostFrequentBatch() {
    long best = 0;
    long bestCount = 0;
    for (Map.Entry<Long, Long> e : new TreeMap<>(executionsByBatchSize).entrySet()) {
      if (e.getValue() >= bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
