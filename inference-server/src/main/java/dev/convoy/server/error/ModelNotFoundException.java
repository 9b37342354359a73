package dev.convoy.server.error;

/** An unknown model, or a version the model does not serve. */
public final class ModelNotFoundException extends InferenceException {
  public ModelNotFoundException(String message) {
    super(message);
  }
}
