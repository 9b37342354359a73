package dev.convoy.monitor.drift;

import java.util.stream.IntStream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Chi-square test of homogeneity between the category counts of the reference and a window
 * (Apache Commons Math), no continuity correction; categories empty in both are left out.
 */
public final class ChiSquare {
  private static final ChiSquareTest TEST = new ChiSquareTest();

  private ChiSquare() {
  }

  public record Result(double statistic, double pValue) {
  }

  public static Result homogeneity(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("categories differ: " + reference.length + " vs " + current.length);
    }
    int[] kept = IntStream.range(0, reference.length)
        .filter(i -> reference[i] + current[i] > 0).toArray();
    if (kept.length < 2) {
      return new Result(0, 1);
    }
    long[] ref = IntStream.of(kept).mapToLong(i -> reference[i]).toArray();
    long[] cur = IntStream.of(kept).mapToLong(i -> current[i]).toArray();
    double statistic = TEST.chiSquare(new long[][] {ref, cur});
    double p = TEST.chiSquareTest(new long[][] {ref, cur});
    return new Result(statistic, p);
  }
}
