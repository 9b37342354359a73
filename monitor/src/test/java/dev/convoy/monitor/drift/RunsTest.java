package dev.convoy.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunsTest {
  @Test
  void ofSorted_groupsEqualValues_signedZerosApartAndNaNsTogether() {
    double[] sorted = {-1, -1, -0.0, 0.0, 0.0, 2, Double.NaN, Double.NaN};

    Runs runs = Runs.ofSorted(sorted);

    assertThat(runs.values()).containsExactly(-1, -0.0, 0.0, 2, Double.NaN);
    assertThat(runs.counts()).containsExactly(2, 1, 2, 1, 2);
    assertThat(runs.size()).isEqualTo(8);
    assertThat(runs.expand()).containsExactly(sorted);
  }

  @Test
  void wasserstein_sampleWithNaN_endsWithNaN() {
    // The walk advanced by ==, which a NaN never satisfies: the monitor's writer spun forever.
    double distance = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> Wasserstein.distance(new double[] {0, Double.NaN}, new double[] {1, 2}));

    assertThat(distance).isNaN();
  }

  @Test
  void kolmogorovSmirnov_largeSamplesAsRunsOrValues_agree() {
    double[] reference = new double[200];
    double[] current = new double[150];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = i / 40; // 5 values, ties everywhere
    }
    for (int i = 0; i < current.length; i++) {
      current[i] = i / 25 + 0.5 * (i % 2); // interleaved with the reference's values
    }
    java.util.Arrays.sort(current);

    KolmogorovSmirnov.Result fromRuns = KolmogorovSmirnov.testSorted(Runs.ofSorted(reference), Runs.ofSorted(current));

    assertThat(fromRuns).isEqualTo(KolmogorovSmirnov.test(reference, current));
    assertThat(fromRuns.statistic()).isEqualTo(
        new org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(reference, current));
  }
}
