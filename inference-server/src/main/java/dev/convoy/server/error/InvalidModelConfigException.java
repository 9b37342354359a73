package dev.convoy.server.error;

/** A config.pbtxt with an invalid or unsupported setting; the message names the field. */
public final class InvalidModelConfigException extends ModelLoadException {
  public InvalidModelConfigException(String model, String field, String problem) {
    super("model '" + model + "': config.pbtxt field '" + field + "': " + problem);
  }

  public InvalidModelConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
