package dev.convoy.monitor.sample;

/**
 * One sampled prediction, validated.
 *
 * @param timeNanos when the request was answered (sender's clock), epoch nanoseconds
 * @param receivedNanos when the monitor received it, epoch nanoseconds: windows go by this
 * @param scores class scores, empty for non-classifiers
 */
public record Sample(ModelKey key, String requestId, long timeNanos, long receivedNanos,
    String traceId, float[] features, float[] scores) {

  /** The index of the top score, -1 without scores. */
  public int predicted() {
    return Scores.argmax(scores);
  }

  /** The top score, NaN without scores. */
  public double confidence() {
    int top = predicted();
    return top < 0 ? Double.NaN : scores[top];
  }
}
