package dev.convoy.monitor.drift;

/**
 * The Wasserstein-1 (earth mover's) distance between two samples: the area between their
 * empirical distribution functions. No library on the class path offers it; this follows
 * its definition, as SciPy's {@code wasserstein_distance} does.
 */
public final class Wasserstein {
  private Wasserstein() {
  }

  /** The distance between two samples, each sorted ascending and non-empty. */
  public static double distance(double[] sortedU, double[] sortedV) {
    return distance(Runs.ofSorted(sortedU), Runs.ofSorted(sortedV));
  }

  /** The distance between two non-empty samples as runs. */
  public static double distance(Runs u, Runs v) {
    if (u.size() == 0 || v.size() == 0) {
      throw new IllegalArgumentException("samples must not be empty");
    }
    int i = 0;
    int j = 0;
    long belowU = 0; // values of u before run i
    long belowV = 0;
    double previous = Math.min(u.values()[0], v.values()[0]);
    double area = 0;
    while (i < u.distinct() || j < v.distinct()) {
      // Double.compare, not <= and ==: a NaN must end the walk (the distance is NaN, as SciPy's).
      double next = j == v.distinct() || (i < u.distinct() && Double.compare(u.values()[i], v.values()[j]) <= 0)
          ? u.values()[i] : v.values()[j];
      double cdfGap = (double) belowU / u.size() - (double) belowV / v.size();
      area += Math.abs(cdfGap) * (next - previous);
      while (i < u.distinct() && Double.compare(u.values()[i], next) == 0) {
        belowU += u.counts()[i++];
      }
      while (j < v.distinct() && Double.compare(v.values()[j], next) == 0) {
        belowV += v.counts()[j++];
      }
      previous = next;
    }
    return area;
  }
}
