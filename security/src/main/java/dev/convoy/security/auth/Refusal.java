package dev.convoy.security.auth;

import io.grpc.Status;

/**
 * A call refused: UNAUTHENTICATED or PERMISSION_DENIED with a description naming the group,
 * and the principal the caller was or claimed to be (for the audit line).
 */
public final class Refusal extends Exception {
  private final transient Status status;
  private final String claimed;

  Refusal(Status status, String claimed) {
    super(status.getDescription(), null, false, false);
    this.status = status;
    this.claimed = claimed;
  }

  public Status status() {
    return status;
  }

  public String claimed() {
    return claimed;
  }
}
