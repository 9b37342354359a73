package dev.convoy.server.error;

/** Base of the failures a client can be told about; the message is safe to send. */
public abstract class InferenceException extends RuntimeException {
  protected InferenceException(String message) {
    super(message);
  }

  protected InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
