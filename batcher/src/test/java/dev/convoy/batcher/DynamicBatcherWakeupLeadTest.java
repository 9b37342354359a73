package dev.convoy.batcher;

import static dev.convoy.batcher.Fixture.req;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The delay's wake-up is set early by what the batcher learnt of how late its batches start,
 * on a fake clock: batches wait in a manual executor for as long as the test says an
 * instance's thread takes to wake.
 */
class DynamicBatcherWakeupLeadTest {
  private static final long DELAY_NANOS = 1_000_000;
  private static final long STEP_NANOS = 1_000;

  private final Fixture fx = new Fixture();
  private final DynamicBatcher<String, String> batcher =
      fx.manualBatcher(BatcherConfig.dynamic(8).maxQueueDelayMicros(DELAY_NANOS / 1_000).build(), 1);

  @Test
  void firstBatch_nothingLearntYet_goesWhenItsDelayEnds() {
    assertThat(round(80_000)).isEqualTo(DELAY_NANOS);
  }

  @Test
  void batchesStartLate_wakeupMovesEarlierUntilTheyStartWhenTheDelayEnds() {
    rounds(40, 80_000);

    long dispatchedAfter = round(80_000);

    assertThat(dispatchedAfter).isBetween(DELAY_NANOS - 82_000, DELAY_NANOS - 78_000);
  }

  @Test
  void instanceStalls_leadStopsAtAQuarterOfTheDelay() {
    rounds(20, 5_000_000);

    assertThat(round(5_000_000)).isEqualTo(DELAY_NANOS * 3 / 4);
  }

  @Test
  void latenessGoesAway_leadShrinksBackToNone() {
    rounds(40, 80_000);

    rounds(80, 0);

    assertThat(round(0)).isBetween(DELAY_NANOS - STEP_NANOS, DELAY_NANOS);
  }

  private void rounds(int count, long hopNanos) {
    for (int i = 0; i < count; i++) {
      round(hopNanos);
    }
  }

  /**
   * Queues a request alone, moves time on until its batch is dispatched, then {@code hopNanos}
   * more before its instance starts it; returns how long after queueing it was dispatched
   * (to the next microsecond).
   */
  private long round(long hopNanos) {
    long queuedAt = fx.clock.nanos();
    batcher.submit(req("a"));
    while (fx.manual.pending() == 0) {
      fx.clock.advanceNanos(STEP_NANOS);
    }
    long dispatchedAfter = fx.clock.nanos() - queuedAt;
    fx.clock.advanceNanos(hopNanos);
    fx.manual.runAll();
    return dispatchedAfter;
  }
}
