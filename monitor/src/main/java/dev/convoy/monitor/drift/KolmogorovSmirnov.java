package dev.convoy.monitor.drift;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov–Smirnov test from Apache Commons Math: the exact distribution
 * when the product of the sizes is under 10,000, Kolmogorov's asymptotic one otherwise
 * (SciPy's {@code ks_2samp} with {@code method="exact"} and {@code "asymp"}).
 */
public final class KolmogorovSmirnov {
  private static final KolmogorovSmirnovTest TEST = new KolmogorovSmirnovTest();

  private KolmogorovSmirnov() {
  }

  /** The statistic and its p-value: the probability of a statistic at least this large. */
  public record Result(double statistic, double pValue) {
  }

  public static Result test(double[] reference, double[] current) {
    if (reference.length < 2 || current.length < 2) {
      throw new IllegalArgumentException("each sample needs at least 2 values");
    }
    double statistic = TEST.kolmogorovSmirnovStatistic(reference, current);
    double p = TEST.kolmogorovSmirnovTest(reference, current, false);
    return new Result(statistic, Math.min(Math.max(p, 0), 1));
  }
}
