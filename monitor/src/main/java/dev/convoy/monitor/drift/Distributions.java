package dev.convoy.monitor.drift;

/**
 * Divergences between two binned distributions given as counts over the same bins. Counts
 * become proportions floored at {@link #EPSILON} and renormalised, so empty bins stay finite.
 */
public final class Distributions {
  /** Floor of a bin's proportion. */
  public static final double EPSILON = 1e-4;
  private static final double LN2 = Math.log(2);

  private Distributions() {
  }

  /** Proportions of {@code counts}, floored at {@link #EPSILON} and summing to 1. */
  public static double[] smoothed(long[] counts) {
    double total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      throw new IllegalArgumentException("counts must not all be zero");
    }
    double[] p = new double[counts.length];
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      p[i] = Math.max(counts[i] / total, EPSILON);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Population stability index: sum of (cur - ref) ln(cur / ref). */
  public static double psi(long[] reference, long[] current) {
    double[] ref = smoothed(reference);
    double[] cur = smoothed(check(reference, current));
    double psi = 0;
    for (int i = 0; i < ref.length; i++) {
      psi += (cur[i] - ref[i]) * Math.log(cur[i] / ref[i]);
    }
    return psi;
  }

  /** Kullback–Leibler divergence of the current distribution from the reference, in nats. */
  public static double kl(long[] reference, long[] current) {
    return kl(smoothed(check(reference, current)), smoothed(reference));
  }

  /** Jensen–Shannon distance (square root of the divergence, base 2: in [0, 1]). */
  public static double jsDistance(long[] reference, long[] current) {
    double[] ref = smoothed(reference);
    double[] cur = smoothed(check(reference, current));
    double[] mid = new double[ref.length];
    for (int i = 0; i < ref.length; i++) {
      mid[i] = (ref[i] + cur[i]) / 2;
    }
    double divergence = (kl(ref, mid) + kl(cur, mid)) / 2 / LN2;
    return Math.sqrt(Math.max(divergence, 0));
  }

  private static double kl(double[] p, double[] q) {
    double kl = 0;
    for (int i = 0; i < p.length; i++) {
      kl += p[i] * Math.log(p[i] / q[i]);
    }
    return kl;
  }

  private static long[] check(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("bins differ: " + reference.length + " vs " + current.length);
    }
    return current;
  }
}
