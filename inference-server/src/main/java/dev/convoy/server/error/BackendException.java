package dev.convoy.server.error;

/** The runtime failed while executing a request that had passed validation. */
public final class BackendException extends InferenceException {
  public BackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
