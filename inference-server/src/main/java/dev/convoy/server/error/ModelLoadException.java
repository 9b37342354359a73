package dev.convoy.server.error;

/** A model that could not be loaded: its files are missing, unreadable or inconsistent. */
public class ModelLoadException extends InferenceException {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
