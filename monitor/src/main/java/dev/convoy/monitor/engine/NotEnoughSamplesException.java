package dev.convoy.monitor.engine;

/** A reference was to be frozen from more samples than are stored. */
public final class NotEnoughSamplesException extends RuntimeException {
  public NotEnoughSamplesException(String message) {
    super(message);
  }
}
