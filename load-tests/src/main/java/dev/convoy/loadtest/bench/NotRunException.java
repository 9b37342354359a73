package dev.convoy.loadtest.bench;

/**
 * A row could not be measured, e.g. the server rejected its model config or the row it
 * depends on did not run. The suite goes on; the table says "not run: " and the message.
 */
public final class NotRunException extends Exception {

  public NotRunException(String reason) {
    super(reason);
  }

  public NotRunException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
