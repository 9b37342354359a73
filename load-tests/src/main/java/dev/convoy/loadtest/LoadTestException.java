package dev.convoy.loadtest;

/** A run that cannot start or finish; the message is for the user, the exit code is 1. */
final class LoadTestException extends Exception {

  LoadTestException(String message) {
    super(message);
  }

  LoadTestException(String message, Throwable cause) {
    super(message, cause);
  }
}
