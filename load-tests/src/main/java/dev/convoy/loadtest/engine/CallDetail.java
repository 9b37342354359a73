package dev.convoy.loadtest.engine;

/**
 * One recorded call, kept when {@link LoadOptions#recordDetails()} is set.
 *
 * @param sentOffsetNanos when the call was sent, in nanoseconds after the run started
 * @param latencyNanos from the actual send to the end of the call
 * @param correctedLatencyNanos from the intended send time to the end of the call; equal to
 *     {@code latencyNanos} in a closed loop
 * @param status as in {@link CallOutcome#status()}
 * @param error as in {@link CallOutcome#error()}, empty for a success
 */
public record CallDetail(
    long sentOffsetNanos,
    long latencyNanos,
    long correctedLatencyNanos,
    String status,
    String error) {

  public boolean isOk() {
    return CallOutcome.OK_STATUS.equals(status);
  }
}
