package dev.convoy.server.repository;

/** Counts requests inside a model version so it is closed only once the last one leaves. */
final class InFlightGate {
  private int active;
  private boolean closed;

  /** False once closing has begun: the caller must look for another version or give up. */
  synchronized boolean tryEnter() {
    if (closed) {
      return false;
    }
    active++;
    return true;
  }

  synchronized void exit() {
    active--;
    if (active == 0 && closed) {
      notifyAll();
    }
  }

  /** Refuses new entries and waits for the ones inside to leave. */
  synchronized void closeAndAwait() throws InterruptedException {
    closed = true;
    while (active > 0) {
      wait();
    }
  }
}
