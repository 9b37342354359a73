package dev.convoy.loadtest.bench;

/** How one row is measured: warms up, runs the measured phase and summarises it. */
@FunctionalInterface
public interface Probe {

  /**
   * @throws NotRunException when the row cannot run here (the reason goes into the table)
   * @throws Exception any other failure; the row is reported as not run with its message
   */
  Measurement measure(BenchContext context) throws Exception;
}
