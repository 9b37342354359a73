package dev.convoy.transport;

import java.io.UncheckedIOException;

/** The one line a service prints when its port cannot be bound: the address, the cause, the option that moves it. */
public final class BindFailure {
  private BindFailure() {}

  /** {@code <what failed>: <its root cause> (choose another with <option>)}. */
  public static String describe(UncheckedIOException e, String option) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return e.getMessage() + ": " + cause.getMessage() + " (choose another with " + option + ")";
  }
}
