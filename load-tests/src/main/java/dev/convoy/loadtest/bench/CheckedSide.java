package dev.convoy.loadtest.bench;

import java.time.Duration;

/**
 * A contender's side whose measurement counts only once {@code check} passes: a row of a
 * feature that must have worked during the row (spans exported, samples stored).
 */
record CheckedSide(Contender.Side load, Check check) implements Contender.Side {

  /** Throws {@link NotRunException} saying why the row measured nothing of its feature. */
  @FunctionalInterface
  interface Check {
    void verify() throws Exception;
  }

  @Override
  public void warmUp() throws Exception {
    load.warmUp();
  }

  @Override
  public void slice(Duration duration) throws Exception {
    load.slice(duration);
  }

  @Override
  public Measurement measurement() throws Exception {
    check.verify();
    return load.measurement();
  }
}
