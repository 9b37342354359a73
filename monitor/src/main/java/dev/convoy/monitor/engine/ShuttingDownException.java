package dev.convoy.monitor.engine;

/** The monitor is stopping and takes no more work. */
public final class ShuttingDownException extends RuntimeException {
  public ShuttingDownException() {
    super("the monitor is shutting down");
  }
}
