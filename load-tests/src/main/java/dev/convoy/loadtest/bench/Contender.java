package dev.convoy.loadtest.bench;

import java.time.Duration;
import java.util.List;

/**
 * One row of an {@link InterleavedSet}: the targets it needs running, and how it measures its
 * share of the set's time slice by slice.
 */
interface Contender {

  /** The processes the row calls (their dependencies start with them). */
  List<Target> targets();

  /**
   * Gets ready to measure, once the targets run.
   *
   * @throws NotRunException when the row cannot run here
   */
  Side open(BenchContext context) throws Exception;

  /** A row being measured. */
  interface Side {
    /** Unrecorded load before the first slice (and, once per process, the JVM warm-up). */
    void warmUp() throws Exception;

    /** Measures for {@code duration} and keeps the result. */
    void slice(Duration duration) throws Exception;

    /** Every slice so far, as one measured phase. */
    Measurement measurement() throws Exception;
  }
}
