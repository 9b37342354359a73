package dev.convoy.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The latency percentiles reports show: ghz's seven plus 99.9. */
public final class Percentiles {

  /** ghz's percentiles; integers, as ghz's JSON declares them. */
  static final int[] GHZ = {10, 25, 50, 75, 90, 95, 99};

  /** ghz's percentiles and 99.9. */
  static final double[] ALL = {10, 25, 50, 75, 90, 95, 99, 99.9};

  /**
   * One line of a latency distribution.
   *
   * @param percentage e.g. 99.9
   * @param latencyNanos the latency at that percentile
   */
  public record Point(double percentage, long latencyNanos) {}

  private Percentiles() {}

  /** The latency at each of {@code percentages}; empty when nothing was recorded. */
  static List<Point> of(Histogram histogram, double... percentages) {
    List<Point> points = new ArrayList<>();
    if (histogram.getTotalCount() == 0) {
      return points;
    }
    for (double p : percentages) {
      points.add(new Point(p, histogram.getValueAtPercentile(p)));
    }
    return points;
  }

  static List<Point> all(Histogram histogram) {
    return of(histogram, ALL);
  }

  /** 99.9 prints as such, 50 as 50. */
  static String label(double percentage) {
    return percentage == Math.rint(percentage)
        ? Long.toString((long) percentage)
        : Double.toString(percentage);
  }
}
