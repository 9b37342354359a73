package dev.convoy.server.error;

/** A known model that cannot take requests now: loading, unloading, or failed to load. */
public final class ModelUnavailableException extends InferenceException {
  public ModelUnavailableException(String message) {
    super(message);
  }
}
