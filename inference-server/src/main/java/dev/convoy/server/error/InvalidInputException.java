package dev.convoy.server.error;

/** A request that does not fit the model: names the input (or output) and what was expected. */
public final class InvalidInputException extends InferenceException {
  public InvalidInputException(String message) {
    super(message);
  }
}
