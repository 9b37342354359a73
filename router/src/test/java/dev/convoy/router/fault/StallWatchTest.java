package dev.convoy.router.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class StallWatchTest {
  private static final long STALL = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Another backend answered after any reading. */
  private static final LongPredicate PEER_ANSWERS = nanos -> true;

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

    assertThat(watch.suspect(1_000 * MS + STALL - 1, PEER_ANSWERS)).isFalse();
    assertThat(watch.suspect(1_000 * MS + STALL, PEER_ANSWERS)).isTrue();
  }

  @Test
  void stalled_backendAnswersMeanwhile_notStalled() {
    watch.sent(0);
    watch.heard(400 * MS);

    assertThat(watch.suspect(800 * MS, PEER_ANSWERS)).isFalse();
    assertThat(watch.suspect(900 * MS, PEER_ANSWERS)).isTrue();
  }

  @Test
  void stalled_noWatchedCallOutstanding_notStalled() {
    watch.sent(0);
    watch.ended();

    assertThat(watch.suspect(10_000 * MS, PEER_ANSWERS)).isFalse();
  }

  @Test
  void sent_afterIdlePeriod_quietCountsFromTheSend() {
    watch.heard(0);
    watch.sent(5_000 * MS);

    assertThat(watch.suspect(5_000 * MS + STALL - 1, PEER_ANSWERS)).isFalse();
  }

  @Test
  void startProbe_oncePerSuspicion() {
    watch.sent(0);

    assertThat(watch.startProbe(STALL - 1, PEER_ANSWERS)).isFalse();
    assertThat(watch.startProbe(STALL, PEER_ANSWERS)).isTrue();
    assertThat(watch.startProbe(STALL + 1, PEER_ANSWERS)).isFalse();
  }

  @Test
  void alive_clearsSuspicionForAnotherStallTimeout() {
    watch.sent(0);
    watch.startProbe(STALL, PEER_ANSWERS);

    watch.alive(STALL);

    assertThat(watch.suspect(STALL + 1, PEER_ANSWERS)).isFalse();
    assertThat(watch.suspect(2 * STALL, PEER_ANSWERS)).isTrue();
    assertThat(watch.startProbe(2 * STALL, PEER_ANSWERS)).isTrue();
  }

  @Test
  void dead_endsTheProbe_aLaterSuspicionProbesAgain() {
    watch.sent(0);
    watch.startProbe(STALL, PEER_ANSWERS);

    watch.dead(STALL + watch.probeTimeoutNanos());

    assertThat(watch.startProbe(2 * STALL + watch.probeTimeoutNanos(), PEER_ANSWERS)).isTrue();
  }

  @Test
  void suspect_noOtherBackendAnsweredSinceTheSilenceBegan_notSuspect() {
    watch.sent(1_000 * MS);
    long[] peerHeardAt = {900 * MS};
    LongPredicate peer = nanos -> peerHeardAt[0] > nanos;

    assertThat(watch.suspect(1_000 * MS + STALL, nanos -> false)).as("no peer at all").isFalse();
    assertThat(watch.suspect(1_000 * MS + STALL, peer)).as("the peer went quiet first").isFalse();
    assertThat(watch.startProbe(1_000 * MS + STALL, peer)).isFalse();

    peerHeardAt[0] = 1_200 * MS;
    assertThat(watch.suspect(1_000 * MS + STALL, peer)).as("the peer answered during the silence").isTrue();
  }

  @Test
  void heardAfter_onlyAnswersLaterThanTheReading() {
    assertThat(watch.heardAfter(0)).isFalse();

    watch.heard(100 * MS);

    assertThat(watch.heardAfter(99 * MS)).isTrue();
    assertThat(watch.heardAfter(100 * MS)).isFalse();
  }
}
