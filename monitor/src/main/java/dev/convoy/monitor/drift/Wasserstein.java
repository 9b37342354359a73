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
    if (sortedU.length == 0 || sortedV.length == 0) {
      throw new IllegalArgumentException("samples must not be empty");
    }
    int i = 0;
    int j = 0;
    double previous = Math.min(sortedU[0], sortedV[0]);
    double area = 0;
    while (i < sortedU.length || j < sortedV.length) {
      double next = j == sortedV.length || (i < sortedU.length && sortedU[i] <= sortedV[j])
          ? sortedU[i] : sortedV[j];
      double cdfGap = (double) i / sortedU.length - (double) j / sortedV.length;
      area += Math.abs(cdfGap) * (next - previous);
      while (i < sortedU.length && sortedU[i] == next) {
        i++;
      }
      while (j < sortedV.length && sortedV[j] == next) {
        j++;
      }
      previous = next;
    }
    return area;
  }
}
