package dev.convoy.monitor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.convoy.monitor.drift.Runs;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedColumnsTest {
  private static final float[] SPECIAL = {
      0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f};

  @Test
  void of_mixedValues_ordersEachColumnAsArraysSortOfItsDoubles() {
    Random random = new Random(7);
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      rows.add(new float[] {
          (float) random.nextGaussian() * 1e3f, // continuous, both signs
          random.nextInt(17), // pixel-like small integers: two passes skipped
          SPECIAL[random.nextInt(SPECIAL.length)],
          Float.intBitsToFloat(random.nextInt()), // any bit pattern, NaNs of both signs too
          5f}); // constant: every pass skipped
    }
    Runs[] sorted = SortedColumns.of(samples(rows), 5);
    for (int f = 0; f < 5; f++) {
      assertArrayEquals(arraysSorted(rows, f), sorted[f].expand(), "column " + f);
      assertThat(sorted[f].distinct()).isEqualTo(Runs.ofSorted(arraysSorted(rows, f)).distinct());
    }
    assertThat(sorted[4].counts()).containsExactly(2_000);
  }

  @Test
  void of_onlyTheFirstFeatures_leavesTheRestOut() {
    Runs[] sorted = SortedColumns.of(samples(List.of(new float[] {3, 9}, new float[] {-2, 8})), 1);
    assertThat(sorted).hasSize(1);
    assertArrayEquals(new double[] {-2, 3}, sorted[0].expand());
  }

  @Test
  void sortable_thenValue_givesTheFloatBack() {
    for (float v : SPECIAL) {
      assertThat(Float.floatToIntBits(SortedColumns.value(SortedColumns.sortable(v))))
          .isEqualTo(Float.floatToIntBits(v));
    }
  }

  private static double[] arraysSorted(List<float[]> rows, int feature) {
    double[] column = rows.stream().mapToDouble(row -> row[feature]).toArray();
    Arrays.sort(column);
    return column;
  }

  private static List<Sample> samples(List<float[]> rows) {
    ModelKey key = new ModelKey("m", "1");
    return rows.stream().map(row -> new Sample(key, "r", 0, 0, "", row, new float[0])).toList();
  }
}
