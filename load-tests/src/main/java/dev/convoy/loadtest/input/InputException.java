package dev.convoy.loadtest.input;

/**
 * Request data that cannot be used: unreadable or malformed JSON or CSV, a shape or datatype
 * that does not fit. The message names the file or input and what is wrong.
 */
public final class InputException extends Exception {

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
