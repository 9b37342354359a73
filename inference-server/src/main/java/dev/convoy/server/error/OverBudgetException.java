package dev.convoy.server.error;

/** A request refused because the memory it needs does not fit the server's budget now. */
public final class OverBudgetException extends InferenceException {
  public OverBudgetException(String message) {
    super(message);
  }
}
