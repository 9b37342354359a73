package dev.convoy.monitor.reference;

/** One reference row; {@code label} is -1 when unknown and {@code scores} empty when absent. */
public record ReferenceRow(float[] features, float[] scores, int label) {
  public static final int NO_LABEL = -1;
}
