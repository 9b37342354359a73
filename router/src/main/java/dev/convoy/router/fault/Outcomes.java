package dev.convoy.router.fault;

import io.grpc.Status;

/** How the router reads the status a backend answered with. */
public final class Outcomes {
  /** What a call's status says about the backend that answered it. */
  public enum Outcome {
    /** The backend did its job, including telling the client its request was wrong. */
    HEALTHY,
    /** The backend or the connection to it failed: counts towards ejection. */
    FAULT,
    /**
     * Says nothing about the backend: the client cancelled, the deadline passed, the queue was
     * full, or UNKNOWN (what a server answers when handling this one request threw, typically
     * over a payload it could not take; a backend that is down answers UNAVAILABLE).
     */
    NEUTRAL
  }

  private Outcomes() {}

  public static Outcome classify(Status.Code code) {
    return switch (code) {
      case UNAVAILABLE, INTERNAL, DATA_LOSS -> Outcome.FAULT;
      case CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNKNOWN -> Outcome.NEUTRAL;
      default -> Outcome.HEALTHY;
    };
  }

  /**
   * Whether another backend may succeed where this one failed: UNAVAILABLE (backend down,
   * draining, model not ready there) and RESOURCE_EXHAUSTED (its queue is full).
   */
  public static boolean retryable(Status.Code code) {
    return code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED;
  }
}
