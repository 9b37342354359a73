package dev.convoy.monitor.drift;

import java.util.Arrays;

/**
 * A sorted sample as its distinct values, ascending in the order of {@link Double#compare}, and
 * how often each occurs. The statistics walk these instead of every value: features such as
 * pixel intensities or codes take a few dozen values over a window of thousands, and walking
 * each value of 64 columns was a fifth of the monitor's writer thread.
 *
 * @param values the distinct values, ascending; values that {@link Double#compare} calls equal
 *     are one value (so -0.0 and 0.0 are two, and all NaNs one, the last)
 * @param counts how many times each value occurs, each at least 1
 * @param size the sum of the counts: the sample's size
 */
public record Runs(double[] values, int[] counts, int size) {

  /** The runs of {@code sorted}, sorted as by {@link Arrays#sort(double[])}. */
  public static Runs ofSorted(double[] sorted) {
    Builder runs = new Builder(sorted.length);
    for (double value : sorted) {
      runs.add(value, 1);
    }
    return runs.build();
  }

  /** Distinct values in the sample. */
  public int distinct() {
    return values.length;
  }

  /** Every value, each as often as it occurs. */
  public double[] expand() {
    double[] sorted = new double[size];
    int at = 0;
    for (int r = 0; r < values.length; r++) {
      Arrays.fill(sorted, at, at + counts[r], values[r]);
      at += counts[r];
    }
    return sorted;
  }

  /** Runs from values added in ascending order. */
  public static final class Builder {
    private double[] values;
    private int[] counts;
    private int distinct;
    private int size;

    public Builder(int capacity) {
      values = new double[Math.max(capacity, 1)];
      counts = new int[values.length];
    }

    /** Adds {@code count} occurrences of {@code value}, not below the last value added. */
    public void add(double value, int count) {
      if (distinct > 0 && Double.compare(values[distinct - 1], value) == 0) {
        counts[distinct - 1] += count;
      } else {
        if (distinct == values.length) {
          values = Arrays.copyOf(values, distinct * 2);
          counts = Arrays.copyOf(counts, distinct * 2);
        }
        values[distinct] = value;
        counts[distinct++] = count;
      }
      size += count;
    }

    public Runs build() {
      return new Runs(Arrays.copyOf(values, distinct), Arrays.copyOf(counts, distinct), size);
    }
  }
}
