package dev.convoy.monitor.window;

import dev.convoy.monitor.drift.Runs;
import dev.convoy.monitor.sample.Sample;
import java.util.List;

/**
 * A window's feature columns, each sorted ascending in the order of
 * {@link java.util.Arrays#sort(double[])} (-0.0 before 0.0, NaN last), as {@link Runs}. Sorting the columns with
 * {@code Arrays.sort} was 30% of the monitor's writer thread under sampled load (64 columns of
 * 2,000 values a window); features are FP32, so a least-significant-digit radix sort over their
 * 32 bits does it in four linear passes, fewer where every key shares a byte (small integers,
 * such as pixel values, share their two low bytes).
 */
final class SortedColumns {
  private static final int RADIX_BITS = 8;
  private static final int BUCKETS = 1 << RADIX_BITS;
  private static final int DIGIT = BUCKETS - 1;
  /** Four: {@link #digitCounts} is written out for them. */
  private static final int PASSES = Integer.SIZE / RADIX_BITS;

  private SortedColumns() {
  }

  /** The first {@code features} columns of {@code samples}, sorted. */
  static Runs[] of(List<Sample> samples, int features) {
    int n = samples.size();
    int[][] keys = new int[features][n];
    for (int i = 0; i < n; i++) {
      float[] row = samples.get(i).features();
      for (int f = 0; f < features; f++) {
        keys[f][i] = sortable(row[f]);
      }
    }
    int[] scratch = new int[n];
    Runs[] sorted = new Runs[features];
    for (int f = 0; f < features; f++) {
      sorted[f] = runs(radixSort(keys[f], scratch));
    }
    return sorted;
  }

  /**
   * A key whose unsigned order is the value's order: positive floats get their sign bit set,
   * negative ones all bits flipped. NaNs are made canonical first, so they sort last.
   */
  static int sortable(float value) {
    int bits = Float.floatToIntBits(value);
    return bits ^ (bits >> 31 | Integer.MIN_VALUE);
  }

  static float value(int key) {
    return Float.intBitsToFloat(key ^ (~key >> 31 | Integer.MIN_VALUE));
  }

  /** Sorts {@code keys} by unsigned value; the result is in {@code keys} or {@code scratch}. */
  private static int[] radixSort(int[] keys, int[] scratch) {
    if (keys.length == 0) {
      return keys;
    }
    int[] offsets = digitCounts(keys);
    int[] from = keys;
    int[] to = scratch;
    for (int pass = 0; pass < PASSES; pass++) {
      int shift = pass * RADIX_BITS;
      int base = pass * BUCKETS;
      if (offsets[base + (from[0] >>> shift & DIGIT)] == from.length) {
        continue; // every key has this digit: the pass would not move anything
      }
      int start = 0;
      for (int d = base; d < base + BUCKETS; d++) {
        int count = offsets[d];
        offsets[d] = start;
        start += count;
      }
      for (int key : from) {
        to[offsets[base + (key >>> shift & DIGIT)]++] = key;
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    return from;
  }

  /** Each pass's digit counts, one after the other, read in one pass over the keys. */
  private static int[] digitCounts(int[] keys) {
    int[] counts = new int[PASSES * BUCKETS];
    for (int key : keys) {
      counts[key & DIGIT]++;
      counts[BUCKETS + (key >>> RADIX_BITS & DIGIT)]++;
      counts[2 * BUCKETS + (key >>> 2 * RADIX_BITS & DIGIT)]++;
      counts[3 * BUCKETS + (key >>> 3 * RADIX_BITS)]++;
    }
    return counts;
  }

  private static Runs runs(int[] sortedKeys) {
    Runs.Builder runs = new Runs.Builder(16);
    int i = 0;
    while (i < sortedKeys.length) {
      int key = sortedKeys[i];
      int end = i + 1;
      while (end < sortedKeys.length && sortedKeys[end] == key) {
        end++;
      }
      runs.add(value(key), end - i);
      i = end;
    }
    return runs.build();
  }
}
