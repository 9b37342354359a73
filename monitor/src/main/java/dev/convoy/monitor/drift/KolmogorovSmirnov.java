package dev.convoy.monitor.drift;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov–Smirnov test from Apache Commons Math: the exact distribution
 * when the product of the sizes is under 10,000, Kolmogorov's asymptotic one otherwise
 * (SciPy's {@code ks_2samp} with {@code method="exact"} and {@code "asymp"}).
 */
public final class KolmogorovSmirnov {
  /** Commons Math's bound between the exact and the asymptotic distribution. */
  private static final long LARGE_SAMPLE_PRODUCT = 10_000;
  private static final KolmogorovSmirnovTest TEST = new KolmogorovSmirnovTest();

  private KolmogorovSmirnov() {
  }

  /** The statistic and its p-value: the probability of a statistic at least this large. */
  public record Result(double statistic, double pValue) {
  }

  public static Result test(double[] reference, double[] current) {
    double[] sortedReference = reference.clone();
    double[] sortedCurrent = current.clone();
    Arrays.sort(sortedReference);
    Arrays.sort(sortedCurrent);
    return testSorted(sortedReference, sortedCurrent);
  }

  /** As {@link #test}, on samples sorted ascending. */
  public static Result testSorted(double[] reference, double[] current) {
    return testSorted(Runs.ofSorted(reference), Runs.ofSorted(current));
  }

  /**
   * As {@link #test}, on samples as runs. Commons Math sorts copies of both samples twice per
   * test (once per statistic it computes); a window's features are sorted once, and large
   * samples take the statistic from their runs, computed as Commons Math computes it.
   */
  public static Result testSorted(Runs reference, Runs current) {
    if (reference.size() < 2 || current.size() < 2) {
      throw new IllegalArgumentException("each sample needs at least 2 values");
    }
    long product = (long) reference.size() * current.size();
    if (product < LARGE_SAMPLE_PRODUCT) {
      // Small samples: the exact p-value, with Commons Math's handling of ties.
      double[] x = reference.expand();
      double[] y = current.expand();
      double statistic = TEST.kolmogorovSmirnovStatistic(x, y);
      double p = TEST.kolmogorovSmirnovTest(x, y, false);
      return new Result(statistic, Math.min(Math.max(p, 0), 1));
    }
    double statistic = (double) integralStatistic(reference, current) / product;
    double p = TEST.approximateP(statistic, reference.size(), current.size());
    return new Result(statistic, Math.min(Math.max(p, 0), 1));
  }

  /** The largest gap between the two distribution functions, times n·m: an integer. */
  private static long integralStatistic(Runs x, Runs y) {
    long n = x.size();
    long m = y.size();
    int i = 0;
    int j = 0;
    long gap = 0;
    long largest = 0;
    do {
      int order = Double.compare(x.values()[i], y.values()[j]);
      if (order <= 0) {
        gap += m * x.counts()[i++];
      }
      if (order >= 0) {
        gap -= n * y.counts()[j++];
      }
      largest = Math.max(largest, Math.abs(gap));
    } while (i < x.distinct() && j < y.distinct());
    return largest;
  }
}
