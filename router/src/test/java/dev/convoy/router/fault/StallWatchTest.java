package dev.convoy.router.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallWatchTest {
  private static final long STALL = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final StallWatch watch = new StallWatch(STALL);

  @Test
  void watches_shortDeadline_notWatched() {
    assertThat(watch.watches(5 * MS)).isFalse();
    assertThat(watch.watches(STALL)).isTrue();
    assertThat(watch.watches(-1)).isTrue();
    assertThat(new StallWatch(0).watches(-1)).isFalse();
  }

  @Test
  void stalled_watchedCallWaitsTheTimeoutWithNoAnswer_stalled() {
    watch.sent(1_000 * MS);

    assertThat(watch.suspect(1_000 * MS + STALL - 1)).isFalse();
    assertThat(watch.suspect(1_000 * MS + STALL)).isTrue();
  }

  @Test
  void stalled_backendAnswersMeanwhile_notStalled() {
    watch.sent(0);
    watch.heard(400 * MS);

    assertThat(watch.suspect(800 * MS)).isFalse();
    assertThat(watch.suspect(900 * MS)).isTrue();
  }

  @Test
  void stalled_noWatchedCallOutstanding_notStalled() {
    watch.sent(0);
    watch.ended();

    assertThat(watch.suspect(10_000 * MS)).isFalse();
  }

  @Test
  void sent_afterIdlePeriod_quietCountsFromTheSend() {
    watch.heard(0);
    watch.sent(5_000 * MS);

    assertThat(watch.suspect(5_000 * MS + STALL - 1)).isFalse();
  }

  @Test
  void startProbe_oncePerSuspicion() {
    watch.sent(0);

    assertThat(watch.startProbe(STALL - 1)).isFalse();
    assertThat(watch.startProbe(STALL)).isTrue();
    assertThat(watch.startProbe(STALL + 1)).isFalse();
  }

  @Test
  void alive_clearsSuspicionForAnotherStallTimeout() {
    watch.sent(0);
    watch.startProbe(STALL);

    watch.alive(STALL);

    assertThat(watch.suspect(STALL + 1)).isFalse();
    assertThat(watch.suspect(2 * STALL)).isTrue();
    assertThat(watch.startProbe(2 * STALL)).isTrue();
  }

  @Test
  void dead_endsTheProbe_aLaterSuspicionProbesAgain() {
    watch.sent(0);
    watch.startProbe(STALL);

    watch.dead(STALL + watch.probeTimeoutNanos());

    assertThat(watch.startProbe(2 * STALL + watch.probeTimeoutNanos())).isTrue();
  }
}
