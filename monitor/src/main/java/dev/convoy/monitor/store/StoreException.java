package dev.convoy.monitor.store;

/** The database refused or failed a read or write. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
