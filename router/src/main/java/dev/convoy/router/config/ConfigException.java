package dev.convoy.router.config;

/** A setting that is unknown, malformed or out of range; the message names it. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
