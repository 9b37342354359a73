package dev.convoy.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.engine.CallPlan.Phase;
import dev.convoy.loadtest.engine.CallPlan.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallPlanTest {

  private static final long START = 5_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void next_closedLoopTotal_handsOutExactlyTotalThenEndsNormal() {
    CallPlan plan = new CallPlan(LoadOptions.closedLoop(4, 3), START);

    List<Ticket> tickets = drain(plan, START);

    assertThat(tickets).extracting(Ticket::index).containsExactly(0L, 1L, 2L);
    assertThat(tickets).extracting(Ticket::phase).containsOnly(Phase.RECORDED);
    assertThat(plan.endReason()).contains(EndReason.NORMAL);
    assertThat(plan.next(START)).isEmpty();
  }

  @Test
  void next_closedLoop_intendedTimeIsTheTimeAsked() {
    CallPlan plan = new CallPlan(LoadOptions.closedLoop(1, 5), START);

    assertThat(plan.next(START + 7 * MS).orElseThrow().intendedNanos()).isEqualTo(START + 7 * MS);
  }

  @Test
  void next_openLoop_intendedTimesFollowScheduleWhateverTheClock() {
    CallPlan plan = new CallPlan(LoadOptions.closedLoop(2, 4).withRps(200), START);

    // Workers ask late (the clock is far ahead): the intended times do not move.
    List<Ticket> tickets = drain(plan, START + 1_000 * MS);

    assertThat(tickets).extracting(Ticket::intendedNanos)
        .containsExactly(START, START + 5 * MS, START + 10 * MS, START + 15 * MS);
  }

  @Test
  void next_openLoopDuration_stopsAtFirstIntendedTimeAfterEndWithTimeout() {
    LoadOptions options =
        new LoadOptions(1, 0, Duration.ofMillis(100), 50, Duration.ZERO, 0, false);
    CallPlan plan = new CallPlan(options, START);

    List<Ticket> tickets = new ArrayList<>();
    Optional<Ticket> t;
    while ((t = plan.next(START)).isPresent()) {
      tickets.add(t.get());
    }

    // 50/s for 100 ms: due at 0, 20, 40, 60, 80 ms; 100 ms is the end.
    assertThat(tickets).hasSize(5);
    assertThat(plan.endReason()).contains(EndReason.TIMEOUT);
  }

  @Test
  void next_closedLoopDuration_endsOnceClockPassesEnd() {
    LoadOptions options = LoadOptions.timed(1, Duration.ofSeconds(1));
    CallPlan plan = new CallPlan(options, START);

    assertThat(plan.next(START + 999 * MS)).isPresent();
    assertThat(plan.next(START + 1_000 * MS)).isEmpty();
    assertThat(plan.endReason()).contains(EndReason.TIMEOUT);
  }

  @Test
  void next_warmup_marksEarlyCallsWarmupAndDoesNotCountThem() {
    LoadOptions options = LoadOptions.closedLoop(1, 2).withWarmup(Duration.ofMillis(10));
    CallPlan plan = new CallPlan(options, START);

    assertThat(plan.next(START).orElseThrow().phase()).isEqualTo(Phase.WARMUP);
    assertThat(plan.next(START + 9 * MS).orElseThrow().phase()).isEqualTo(Phase.WARMUP);
    assertThat(plan.next(START + 10 * MS).orElseThrow().phase()).isEqualTo(Phase.RECORDED);
    assertThat(plan.next(START + 11 * MS).orElseThrow().phase()).isEqualTo(Phase.RECORDED);
    assertThat(plan.next(START + 12 * MS)).isEmpty();
    assertThat(plan.measuredStartNanos()).isEqualTo(START + 10 * MS);
    assertThat(plan.issued()).isEqualTo(4);
  }

  @Test
  void next_openLoopWarmup_durationCountsFromEndOfWarmup() {
    LoadOptions options = new LoadOptions(
        1, 0, Duration.ofMillis(20), 100, Duration.ofMillis(20), 0, false);
    CallPlan plan = new CallPlan(options, START);

    List<Ticket> tickets = drain(plan, START);

    assertThat(tickets).extracting(Ticket::phase).containsExactly(
        Phase.WARMUP, Phase.WARMUP, Phase.RECORDED, Phase.RECORDED);
  }

  @Test
  void next_skipFirst_skipsFirstMeasuredCallsButCountsThemInTotal() {
    CallPlan plan = new CallPlan(LoadOptions.closedLoop(1, 4).withSkipFirst(3), START);

    assertThat(drain(plan, START)).extracting(Ticket::phase)
        .containsExactly(Phase.SKIPPED, Phase.SKIPPED, Phase.SKIPPED, Phase.RECORDED);
  }

  @Test
  void cancel_running_noMoreTicketsAndReasonCancel() {
    CallPlan plan = new CallPlan(LoadOptions.closedLoop(1, 100), START);
    plan.next(START);

    plan.cancel();

    assertThat(plan.next(START)).isEmpty();
    assertThat(plan.isCancelled()).isTrue();
    assertThat(plan.endReason()).contains(EndReason.CANCEL);
  }

  @Test
  void cancel_afterNormalEnd_keepsNormal() {
    CallPlan plan = new CallPlan(LoadOptions.closedLoop(1, 1), START);
    drain(plan, START);

    plan.cancel();

    assertThat(plan.endReason()).contains(EndReason.NORMAL);
  }

  private static List<Ticket> drain(CallPlan plan, long now) {
    List<Ticket> tickets = new ArrayList<>();
    Optional<Ticket> t;
    while ((t = plan.next(now)).isPresent()) {
      tickets.add(t.get());
    }
    return tickets;
  }
}
