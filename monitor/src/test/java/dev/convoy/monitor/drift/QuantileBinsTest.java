package dev.convoy.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileBinsTest {
  @Test
  void countsSorted_sameAsASearchPerValue_tiesOutOfRangeSignedZeroAndNaN() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      double[] reference = values(random, 1 + random.nextInt(300));
      double[] window = values(random, random.nextInt(500));
      QuantileBins bins = QuantileBins.fromReference(reference, 1 + random.nextInt(12));
      double[] sorted = window.clone();
      Arrays.sort(sorted);

      assertThat(bins.countsSorted(sorted)).as("trial %d", trial).containsExactly(bins.counts(window));
    }
  }

  @Test
  void countsSorted_constantReference_belowAtAndAbove() {
    QuantileBins bins = QuantileBins.fromReference(new double[] {3, 3, 3}, 10);

    assertThat(bins.countsSorted(new double[] {1, 3, 3, 4, 9})).containsExactly(1, 2, 2);
  }

  /** Small integers (many ties, as pixel values), their halves, signed zeros and a NaN now and then. */
  private static double[] values(Random random, int count) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(20);
      values[i] = kind == 0 ? Double.NaN : kind == 1 ? -0.0 : kind == 2 ? 0.0
          : (random.nextInt(34) - 8) / (kind < 10 ? 1.0 : 2.0);
    }
    return values;
  }
}
