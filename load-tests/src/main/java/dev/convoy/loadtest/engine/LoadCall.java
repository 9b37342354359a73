package dev.convoy.loadtest.engine;

/**
 * One unit of load: a call the engine makes and times. Implementations block until the call
 * has finished and report how it ended; the engine supplies the threads.
 */
@FunctionalInterface
public interface LoadCall {

  /**
   * Makes call number {@code index} (0-based over the whole run, warm-up included) from
   * worker {@code worker} (0-based, below the run's concurrency). A failure of the system under
   * test is an outcome, not an exception; an exception thrown here is recorded as an
   * {@link CallOutcome#UNKNOWN} failure.
   */
  CallOutcome invoke(int worker, long index) throws Exception;
}
