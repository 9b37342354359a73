package dev.convoy.batcher;

import java.util.Objects;

/**
 * A request offered to a {@link DynamicBatcher}.
 *
 * @param rows its batch dimension: at least 1, at most the model's {@code max_batch_size}
 * @param shapeKey requests share a batch only when their keys are equal (e.g. the non-batch
 *     dimensions of every input); use one constant key when all shapes agree
 * @param priority the priority level, 1 the highest; 0 (or a level the model lacks) takes
 *     {@code default_priority_level}, as in Triton
 * @param timeoutMicros the request's own queue timeout, honoured only where the level's policy
 *     has {@code allow_timeout_override}; 0 takes the policy's default
 * @param deadlineNanos when the caller stops waiting, absolute on the batcher's ticker;
 *     {@link #NO_DEADLINE} for none
 */
public record BatchRequest<I>(
    I payload, int rows, Object shapeKey, int priority, long timeoutMicros, long deadlineNanos) {
  /** {@link #deadlineNanos} of a request without a deadline. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  public BatchRequest {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(shapeKey, "shapeKey");
    if (priority < 0) {
      throw new IllegalArgumentException("priority must not be negative, got " + priority);
    }
    if (timeoutMicros < 0) {
      throw new IllegalArgumentException(
          "timeoutMicros must not be negative, got " + timeoutMicros);
    }
  }

  /** A request with default priority and timeout and no deadline. */
  public static <I> BatchRequest<I> of(I payload, int rows, Object shapeKey) {
    return new BatchRequest<>(payload, rows, shapeKey, 0, 0, NO_DEADLINE);
  }
}
