package dev.convoy.loadtest.schema;

/** The method's schema cannot be found or read; the message says why, in ghz's words. */
public final class SchemaException extends Exception {

  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
