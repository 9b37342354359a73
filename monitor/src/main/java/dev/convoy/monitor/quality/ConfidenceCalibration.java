package dev.convoy.monitor.quality;

/**
 * Maps a prediction's top-class confidence to the probability that it is right, by histogram
 * binning fitted on the reference: the reference rows that carry both scores and a label are
 * put in {@link #BINS} equal-width confidence bins, and each bin's calibrated value is the
 * share of its rows predicted correctly. A bin with fewer than {@link #MIN_ROWS} rows keeps
 * the confidence itself. The mean calibrated confidence of a window estimates its accuracy
 * before its labels arrive (it holds while the inputs do not drift).
 */
public final class ConfidenceCalibration {
  public static final int BINS = 10;
  public static final int MIN_ROWS = 5;

  private final double[] accuracy;
  private final long[] rows;

  private ConfidenceCalibration(double[] accuracy, long[] rows) {
    this.accuracy = accuracy;
    this.rows = rows;
  }

  /** No reference labels: every confidence is taken at face value. */
  public static ConfidenceCalibration identity() {
    return new ConfidenceCalibration(new double[BINS], new long[BINS]);
  }

  /** Fitted on reference rows: their top-class confidence and whether the prediction was right. */
  public static ConfidenceCalibration fit(double[] confidence, boolean[] correct) {
    if (confidence.length != correct.length) {
      throw new IllegalArgumentException("confidence and correct differ in length");
    }
    long[] rows = new long[BINS];
    double[] right = new double[BINS];
    for (int i = 0; i < confidence.length; i++) {
      int bin = bin(confidence[i]);
      rows[bin]++;
      right[bin] += correct[i] ? 1 : 0;
    }
    for (int b = 0; b < BINS; b++) {
      right[b] = rows[b] == 0 ? 0 : right[b] / rows[b];
    }
    return new ConfidenceCalibration(right, rows);
  }

  /** Rows the calibration was fitted on. */
  public long rows() {
    long sum = 0;
    for (long r : rows) {
      sum += r;
    }
    return sum;
  }

  /** The probability that a prediction of this confidence is right. */
  public double calibrated(double confidence) {
    int bin = bin(confidence);
    return rows[bin] < MIN_ROWS ? confidence : accuracy[bin];
  }

  /** The mean calibrated confidence: the expected accuracy of these predictions. */
  public double expectedAccuracy(double[] confidences) {
    if (confidences.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double c : confidences) {
      sum += calibrated(c);
    }
    return sum / confidences.length;
  }

  private static int bin(double confidence) {
    int bin = (int) Math.floor(confidence * BINS);
    return Math.min(Math.max(bin, 0), BINS - 1);
  }
}
