package dev.convoy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {
  private final FakeClock clock = new FakeClock();
  private final List<String> log = new ArrayList<>();

  private Runnable record(String name) {
    return () -> log.add(name + "@" + clock.nanos());
  }

  @Test
  void execute_beforeRunPending_doesNotRunInline() {
    clock.execute(record("a"));

    assertThat(log).isEmpty();
    assertThat(clock.pendingTasks()).isEqualTo(1);
    clock.runPending();
    assertThat(log).containsExactly("a@0");
  }

  @Test
  void advanceNanos_tasksDueOnTheWay_runInTimeOrderAtTheirDueTime() {
    clock.schedule(record("late"), 30, TimeUnit.NANOSECONDS);
    clock.schedule(record("early"), 10, TimeUnit.NANOSECONDS);
    clock.schedule(record("beyond"), 101, TimeUnit.NANOSECONDS);

    clock.advanceNanos(100);

    assertThat(log).containsExactly("early@10", "late@30");
    assertThat(clock.nanos()).isEqualTo(100);
    clock.advanceNanos(1);
    assertThat(log).containsExactly("early@10", "late@30", "beyond@101");
  }

  @Test
  void advanceNanos_oneNanosecondShort_leavesTaskQueued() {
    clock.schedule(record("a"), 1, TimeUnit.MILLISECONDS);

    clock.advanceNanos(999_999);
    assertThat(log).isEmpty();
    clock.advanceNanos(1);
    assertThat(log).containsExactly("a@1000000");
  }

  @Test
  void advance_sameDueTime_runsInQueueOrder() {
    clock.schedule(record("first"), 5, TimeUnit.NANOSECONDS);
    clock.execute(record("now"));
    clock.schedule(record("second"), 5, TimeUnit.NANOSECONDS);

    clock.advance(Duration.ofNanos(5));

    assertThat(log).containsExactly("now@0", "first@5", "second@5");
  }

  @Test
  void advance_taskSchedulesTaskWithinWindow_runsBoth() {
    clock.schedule(
        () -> {
          log.add("outer@" + clock.nanos());
          clock.schedule(record("inner"), 20, TimeUnit.NANOSECONDS);
          clock.schedule(record("outside"), 80, TimeUnit.NANOSECONDS);
        },
        10,
        TimeUnit.NANOSECONDS);

    clock.advanceNanos(50);

    assertThat(log).containsExactly("outer@10", "inner@30");
    assertThat(clock.pendingTasks()).isEqualTo(1);
  }

  @Test
  void runPending_taskQueuesTaskForNow_runsItInSameCall() {
    clock.execute(() -> clock.execute(record("chained")));

    clock.runPending();

    assertThat(log).containsExactly("chained@0");
  }

  @Test
  void scheduleAtFixedRate_advancePastSeveralPeriods_runsEachPeriod() {
    clock.scheduleAtFixedRate(record("tick"), 5, 10, TimeUnit.NANOSECONDS);

    clock.advanceNanos(35);

    assertThat(log).containsExactly("tick@5", "tick@15", "tick@25", "tick@35");
  }

  @Test
  void scheduleWithFixedDelay_advance_countsDelayFromEachRun() {
    ScheduledFuture<?> future =
        clock.scheduleWithFixedDelay(record("tick"), 0, 7, TimeUnit.NANOSECONDS);

    clock.advanceNanos(14);
    future.cancel(false);
    clock.advanceNanos(100);

    assertThat(log).containsExactly("tick@0", "tick@7", "tick@14");
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void scheduleAtFixedRate_taskThrows_stopsAndKeepsFailure() {
    ScheduledFuture<?> future =
        clock.scheduleAtFixedRate(
            () -> {
              throw new IllegalStateException("boom");
            },
            1,
            1,
            TimeUnit.NANOSECONDS);

    clock.advanceNanos(10);

    assertThat(future.isDone()).isTrue();
    assertThatThrownBy(future::get).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void cancel_scheduledTask_neverRunsAndLeavesQueue() {
    ScheduledFuture<?> future = clock.schedule(record("a"), 10, TimeUnit.NANOSECONDS);

    assertThat(future.cancel(false)).isTrue();
    clock.advanceNanos(10);

    assertThat(log).isEmpty();
    assertThat(future.isCancelled()).isTrue();
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void getDelay_afterAdvance_countsDown() {
    ScheduledFuture<?> future = clock.schedule(record("a"), 100, TimeUnit.NANOSECONDS);

    clock.advanceNanos(40);

    assertThat(future.getDelay(TimeUnit.NANOSECONDS)).isEqualTo(60);
  }

  @Test
  void scheduleCallable_advanced_futureHoldsResult() throws Exception {
    ScheduledFuture<String> future = clock.schedule(() -> "done", 3, TimeUnit.NANOSECONDS);

    clock.advanceNanos(3);

    assertThat(future.get()).isEqualTo("done");
  }

  @Test
  void submit_taskThrows_failureKeptInFuture() {
    Future<?> future =
        clock.submit(
            () -> {
              throw new IllegalStateException("boom");
            });

    clock.runPending();

    assertThatThrownBy(future::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void runPending_executedTaskThrows_propagatesToTest() {
    clock.execute(
        () -> {
          throw new IllegalStateException("bug in code under test");
        });

    assertThatThrownBy(clock::runPending).hasMessage("bug in code under test");
  }

  @Test
  void advanceNanos_negative_isRejected() {
    assertThatThrownBy(() -> clock.advanceNanos(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
  }

  @Test
  void millis_advance_movesWithTicker() {
    FakeClock wall = new FakeClock(Instant.ofEpochMilli(1_000));

    wall.advance(Duration.ofMillis(250));

    assertThat(wall.millis()).isEqualTo(1_250);
    assertThat(wall.getAsLong()).isEqualTo(250_000_000L);
  }

  @Test
  void shutdown_thenExecute_rejects() {
    clock.shutdown();

    assertThat(clock.isShutdown()).isTrue();
    assertThat(clock.isTerminated()).isTrue();
    assertThatThrownBy(() -> clock.execute(record("a")))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void shutdownNow_withQueuedTasks_returnsThemUnrun() {
    clock.execute(record("a"));
    clock.schedule(record("b"), 5, TimeUnit.NANOSECONDS);

    List<Runnable> pending = clock.shutdownNow();

    assertThat(pending).hasSize(2);
    clock.advanceNanos(10);
    assertThat(log).isEmpty();
  }

  @Test
  void invokeAll_anyTasks_unsupportedRatherThanHanging() {
    assertThatThrownBy(() -> clock.invokeAll(List.of(() -> 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
