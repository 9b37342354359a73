package dev.convoy.monitor.drift;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Bins fixed once from a reference sample: the edges are its minimum, its quantiles at
 * {@code 1/n .. (n-1)/n} (linear interpolation, as NumPy's default) and its maximum, with
 * repeated edges merged. Bin 0 holds values below the reference's minimum, the last bin
 * values above its maximum; bin {@code j} in between holds {@code (e[j-1], e[j]]}, the first
 * of them also {@code e[0]}. A constant reference has one interior bin, its value.
 */
public final class QuantileBins {
  private final double[] edges;

  private QuantileBins(double[] edges) {
    this.edges = edges;
  }

  /** Bins from {@code reference} (at least one value) at {@code quantiles} equal steps. */
  public static QuantileBins fromReference(double[] reference, int quantiles) {
    if (reference.length == 0) {
      throw new IllegalArgumentException("reference must not be empty");
    }
    if (quantiles < 1) {
      throw new IllegalArgumentException("quantiles must be at least 1, got " + quantiles);
    }
    Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
    percentile.setData(reference);
    double[] edges = new double[quantiles + 1];
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    edges[0] = sorted[0];
    edges[quantiles] = sorted[sorted.length - 1];
    for (int i = 1; i < quantiles; i++) {
      edges[i] = percentile.evaluate(100.0 * i / quantiles);
    }
    return new QuantileBins(Arrays.stream(edges).distinct().sorted().toArray());
  }

  /** The merged edges, ascending. */
  public double[] edges() {
    return edges.clone();
  }

  /** Number of bins, the two out-of-range ones included. */
  public int size() {
    return Math.max(edges.length - 1, 1) + 2;
  }

  /** The bin of {@code value}. */
  public int binOf(double value) {
    if (value < edges[0]) {
      return 0;
    }
    if (value > edges[edges.length - 1]) {
      return size() - 1;
    }
    int found = Arrays.binarySearch(edges, value);
    // First edge >= value, as NumPy's searchsorted(side="left"); edges are distinct.
    int left = found >= 0 ? found : -found - 1;
    return Math.max(left, 1);
  }

  /** How many of {@code values} fall in each bin. */
  public long[] counts(double[] values) {
    long[] counts = new long[size()];
    for (double value : values) {
      counts[binOf(value)]++;
    }
    return counts;
  }

  /** As {@link #counts}, for values sorted by {@link Arrays#sort(double[])}. */
  public long[] countsSorted(double[] sorted) {
    return countsSorted(Runs.ofSorted(sorted));
  }

  /**
   * As {@link #counts}, for a sample as runs: one walk along the edges instead of a search per
   * value (a window's 64 columns of 2,000 values each spent an eighth of the monitor's writer
   * thread in those searches).
   */
  public long[] countsSorted(Runs runs) {
    long[] counts = new long[size()];
    int edge = 0; // edges before it compare below the current value, as binarySearch orders them
    for (int r = 0; r < runs.distinct(); r++) {
      double value = runs.values()[r];
      if (value < edges[0]) {
        counts[0] += runs.counts()[r];
      } else if (value > edges[edges.length - 1]) {
        counts[size() - 1] += runs.counts()[r];
      } else {
        while (edge < edges.length && Double.compare(edges[edge], value) < 0) {
          edge++;
        }
        counts[Math.max(edge, 1)] += runs.counts()[r];
      }
    }
    return counts;
  }
}
