package dev.convoy.loadtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A figure computed from two rows of the same run: {@code row / baseline} (a ratio) or
 * {@code row - baseline} (a difference, for latencies); or one row's own figure, where an
 * issue asks for an absolute rate. The first rows/s ratio listed for a row is that row's
 * "vs baseline" column in the table.
 *
 * @param label what it means, e.g. {@code served / in-process, batch 1}
 * @param rowId the numerator (or minuend) row
 * @param baselineId the denominator (or subtrahend) row; the row itself for a value
 * @param note shown beside the value, e.g. the setting it is to be read against; may be empty
 * @param goalAtLeast a value the issue asks the figure to reach (the report says whether it
 *     is met); NaN for none
 * @param goalAtMost a value the issue asks the figure not to exceed, e.g. an added latency in
 *     nanoseconds; NaN for none
 */
public record Comparison(
    String label,
    String rowId,
    String baselineId,
    Metric metric,
    Kind kind,
    String note,
    double goalAtLeast,
    double goalAtMost) {

  /** What is compared. */
  public enum Metric {
    ROWS_PER_SECOND("rows/s"),
    P50("p50"),
    P90("p90"),
    P99("p99"),
    P999("p99.9"),
    HEAP("heap after GC");

    private final String label;

    Metric(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean latency() {
      return this != ROWS_PER_SECOND && this != HEAP;
    }
  }

  /** How the two values combine. */
  public enum Kind {
    RATIO,
    DIFFERENCE,
    /** The row's own figure; the baseline is the row itself. */
    VALUE
  }

  public Comparison {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(baselineId, "baselineId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(note, "note");
  }

  /** {@code row / baseline} of {@code metric}. */
  public static Comparison ratio(String label, String rowId, String baselineId, Metric metric) {
    return new Comparison(label, rowId, baselineId, metric, Kind.RATIO, "", Double.NaN,
        Double.NaN);
  }

  /** {@code row - baseline} of a latency. */
  public static Comparison difference(
      String label, String rowId, String baselineId, Metric metric) {
    return new Comparison(label, rowId, baselineId, metric, Kind.DIFFERENCE, "", Double.NaN,
        Double.NaN);
  }

  /** The row's own {@code metric}, e.g. a rate an issue asks for. */
  public static Comparison value(String label, String rowId, Metric metric) {
    return new Comparison(label, rowId, rowId, metric, Kind.VALUE, "", Double.NaN, Double.NaN);
  }

  public Comparison withNote(String newNote) {
    return new Comparison(label, rowId, baselineId, metric, kind, newNote, goalAtLeast,
        goalAtMost);
  }

  public Comparison withGoalAtLeast(double goal) {
    return new Comparison(label, rowId, baselineId, metric, kind, note, goal, goalAtMost);
  }

  /** @param goal for a latency difference, in nanoseconds */
  public Comparison withGoalAtMost(double goal) {
    return new Comparison(label, rowId, baselineId, metric, kind, note, goalAtLeast, goal);
  }

  public boolean hasGoal() {
    return !Double.isNaN(goalAtLeast) || !Double.isNaN(goalAtMost);
  }

  /** A value in this comparison's unit, as the report writes it. */
  String format(double value) {
    return switch (kind) {
      case DIFFERENCE -> Formats.latency(value);
      case VALUE -> metric.latency() ? Formats.latency(value) : Formats.rate(value);
      case RATIO -> Formats.ratio(value);
    };
  }

  /** Computes the value from the run's rows, by id. */
  public Outcome evaluate(Map<String, RowResult> results) {
    RowResult row = results.get(rowId);
    RowResult base = results.get(baselineId);
    if (row == null || !row.ran()) {
      return Outcome.missing(this, rowId + " did not run");
    }
    if (base == null || !base.ran()) {
      return Outcome.missing(this, baselineId + " did not run");
    }
    double a = row.measurement().value(metric);
    double b = base.measurement().value(metric);
    if (metric == Metric.HEAP) {
      if (a < 0 || b <= 0) {
        return Outcome.missing(this, "no heap reading to compare");
      }
    } else if (row.measurement().requests() == 0 || base.measurement().requests() == 0) {
      return Outcome.missing(this, "no successful calls to compare");
    }
    if (kind == Kind.VALUE) {
      return new Outcome(this, a, "");
    }
    if (kind == Kind.DIFFERENCE) {
      return new Outcome(this, a - b, "");
    }
    return b == 0 ? Outcome.missing(this, baselineId + " measured 0")
        : new Outcome(this, a / b, "");
  }

  /**
   * An evaluated comparison.
   *
   * @param value the ratio, or the difference in the metric's unit (nanoseconds); NaN when
   *     missing
   * @param missing why there is no value; empty when there is one
   */
  public record Outcome(Comparison comparison, double value, String missing) {

    static Outcome missing(Comparison comparison, String why) {
      return new Outcome(comparison, Double.NaN, why);
    }

    public boolean present() {
      return missing.isEmpty();
    }

    /**
     * "meets goal >= 4.00x" / "below goal >= 4.00x", "meets goal <= 150 µs" / "above goal <=
     * 150 µs", or empty when there is no goal or value.
     */
    public String verdict() {
      if (!comparison.hasGoal() || !present()) {
        return "";
      }
      List<String> verdicts = new ArrayList<>();
      double least = comparison.goalAtLeast();
      if (!Double.isNaN(least)) {
        verdicts.add((value >= least ? "meets" : "below") + " goal >= " + comparison.format(least));
      }
      double most = comparison.goalAtMost();
      if (!Double.isNaN(most)) {
        verdicts.add((value <= most ? "meets" : "above") + " goal <= " + comparison.format(most));
      }
      return String.join("; ", verdicts);
    }
  }
}
