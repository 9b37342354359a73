package dev.convoy.loadtest.bench;

import java.util.List;
import java.util.Optional;

/**
 * A finished run: its configuration, every row in run order, and the comparisons.
 */
public record BenchReport(
    RunConfiguration configuration, List<RowResult> rows, List<Comparison.Outcome> comparisons) {

  public BenchReport {
    rows = List.copyOf(rows);
    comparisons = List.copyOf(comparisons);
  }

  /** The row's "vs baseline": the first rows/s ratio listed with the row as numerator. */
  public Optional<Comparison.Outcome> baselineOf(String rowId) {
    return comparisons.stream()
        .filter(o -> o.comparison().rowId().equals(rowId))
        .filter(o -> o.comparison().kind() == Comparison.Kind.RATIO)
        .filter(o -> o.comparison().metric() == Comparison.Metric.ROWS_PER_SECOND)
        .findFirst();
  }
}
