package dev.convoy.server.error;

/** A model config with an invalid or unsupported setting; the message names the field. */
public final class InvalidModelConfigException extends ModelLoadException {
  public InvalidModelConfigException(String model, String field, String problem) {
    this(model, "config.pbtxt", field, problem);
  }

  /** @param source where the config came from: config.pbtxt, or the load request's parameter */
  public InvalidModelConfigException(String model, String source, String field, String problem) {
    super("model '" + model + "': " + source + " field '" + field + "': " + problem);
  }

  public InvalidModelConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
