package dev.convoy.monitor.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Multiple-testing corrections over the per-feature p-values of one window. */
public enum Correction {
  /** Controls the false discovery rate. */
  BENJAMINI_HOCHBERG("benjamini-hochberg"),
  /** Controls the family-wise error rate; stricter. */
  BONFERRONI("bonferroni");

  private final String wireName;

  Correction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Correction parse(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "correction must be benjamini-hochberg or bonferroni, got '" + name + "'"));
  }

  /** Adjusted p-values, in the order given, capped at 1. */
  public double[] adjust(double[] pValues) {
    int m = pValues.length;
    double[] adjusted = new double[m];
    if (this == BONFERRONI) {
      for (int i = 0; i < m; i++) {
        adjusted[i] = Math.min(pValues[i] * m, 1);
      }
      return adjusted;
    }
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, pValues[i] * m / rank);
      adjusted[i] = running;
    }
    return adjusted;
  }

  /** Which hypotheses are rejected at level {@code alpha}. */
  public boolean[] reject(double[] pValues, double alpha) {
    double[] adjusted = adjust(pValues);
    boolean[] rejected = new boolean[adjusted.length];
    for (int i = 0; i < adjusted.length; i++) {
      rejected[i] = adjusted[i] <= alpha;
    }
    return rejected;
  }
}
