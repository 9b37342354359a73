package dev.convoy.loadtest.engine;

import java.util.function.Consumer;

/**
 * One unit of load that does not hold a thread while it is in flight: the engine starts it and
 * is told when it ends. The engine keeps at most the run's concurrency of them in flight and
 * issues the next call from the completion, so no thread waits per unit of concurrency.
 */
@FunctionalInterface
public interface AsyncLoadCall {

  /**
   * Starts call number {@code index} (0-based over the whole run, warm-up included) in slot
   * {@code slot} (0-based, below the run's concurrency; no two calls in flight share a slot).
   * {@code done} must be called exactly once, from any thread, possibly before this returns.
   * A failure of the system under test is an outcome; an exception thrown here is recorded
   * as an {@link CallOutcome#UNKNOWN} failure and {@code done} must then not be called.
   */
  void start(int slot, long index, Consumer<CallOutcome> done) throws Exception;
}
