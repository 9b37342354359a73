package dev.convoy.loadtest.engine;

import java.util.Objects;

/**
 * How a call ended.
 *
 * @param status the status name counted in the status distribution, e.g. {@code OK} or
 *     {@code Unavailable} (ghz uses gRPC's Go names)
 * @param error the error text counted in the error distribution; empty for a success
 */
public record CallOutcome(String status, String error) {

  public static final String OK_STATUS = "OK";
  public static final String UNKNOWN = "Unknown";
  private static final CallOutcome OK = new CallOutcome(OK_STATUS, "");

  public CallOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
  }

  public static CallOutcome ok() {
    return OK;
  }

  public static CallOutcome failed(String status, String error) {
    if (OK_STATUS.equals(status)) {
      throw new IllegalArgumentException("a failure needs a status other than OK");
    }
    return new CallOutcome(status, error);
  }

  /** An exception escaped a {@link LoadCall}: counted as an Unknown failure. */
  static CallOutcome of(Throwable thrown) {
    return new CallOutcome(UNKNOWN, String.valueOf(thrown));
  }

  public boolean isOk() {
    return OK_STATUS.equals(status);
  }
}
