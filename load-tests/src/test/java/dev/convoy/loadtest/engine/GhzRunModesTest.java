package dev.convoy.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ghz's run modes on the engine: count-errors, concurrency schedules, duration-stop, async. */
class GhzRunModesTest {

  private final ScheduledExecutorService completers = Executors.newScheduledThreadPool(2);

  @AfterEach
  void tearDown() {
    completers.shutdownNow();
  }

  private static LoadOptions options(int c, long n, Duration z, Ramp concurrency, boolean async,
      boolean countErrors, DurationStop stop) {
    return new LoadOptions(c, n, z, 0, Duration.ZERO, 0, false, null, concurrency, async,
        countErrors, stop);
  }

  @Test
  void run_countErrors_failuresInTheLatencyHistogram() throws Exception {
    AsyncLoadCall halfFail = (slot, index, done) -> done.accept(
        index % 2 == 0 ? CallOutcome.ok() : CallOutcome.failed("Unavailable", "down"));

    LoadResult counted = new LoadRunner(LoadClock.system()).run(
        options(2, 10, Duration.ZERO, null, false, true, DurationStop.WAIT), halfFail);
    LoadResult plain = new LoadRunner(LoadClock.system()).run(
        options(2, 10, Duration.ZERO, null, false, false, DurationStop.WAIT), halfFail);

    assertThat(counted.latency().getTotalCount()).isEqualTo(10);
    assertThat(plain.latency().getTotalCount()).isEqualTo(5);
    assertThat(counted.errorCounts()).isEqualTo(Map.of("down", 5L));
  }

  @Test
  void run_concurrencyStepSchedule_startsWithOneWorkerAndReachesTheEnd() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Queue<Integer> firstCalls = new ConcurrentLinkedQueue<>();
    Ramp ramp = new Ramp(1, 1, Duration.ofMillis(150), 3, Duration.ZERO);

    LoadResult result = new LoadRunner(LoadClock.system()).run(
        options(50, 0, Duration.ofMillis(700), ramp, false, false, DurationStop.WAIT),
        (slot, index, done) -> {
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          if (index < 3) {
            firstCalls.add(now);
          }
          completers.schedule(() -> {
            inFlight.decrementAndGet();
            done.accept(CallOutcome.ok());
          }, 5, TimeUnit.MILLISECONDS);
        });

    assertThat(firstCalls).containsExactly(1, 1, 1);
    assertThat(maxInFlight).hasValue(3);
    assertThat(result.endReason()).isEqualTo(EndReason.TIMEOUT);
  }

  @Test
  void run_durationStopClose_unansweredCallsRecordedAsCanceled() throws Exception {
    AsyncLoadCall neverAnswers = (slot, index, done) -> {};

    LoadResult result = new LoadRunner(LoadClock.system()).run(
        options(3, 0, Duration.ofMillis(100), null, false, false, DurationStop.CLOSE),
        neverAnswers);

    assertThat(result.endReason()).isEqualTo(EndReason.TIMEOUT);
    assertThat(result.statusCounts()).isEqualTo(Map.of("Canceled", 3L));
    assertThat(result.errorCounts()).containsOnlyKeys(AsyncDriver.CLOSED.error());
  }

  @Test
  void run_durationStopIgnore_unansweredCallsNotRecorded() throws Exception {
    AsyncLoadCall neverAnswers = (slot, index, done) -> {};

    LoadResult result = new LoadRunner(LoadClock.system()).run(
        options(3, 0, Duration.ofMillis(100), null, false, false, DurationStop.IGNORE),
        neverAnswers);

    assertThat(result.count()).isZero();
    assertThat(result.endReason()).isEqualTo(EndReason.TIMEOUT);
  }

  @Test
  void run_async_callsStartWithoutWaitingForTheWorker() throws Exception {
    Queue<Consumer<CallOutcome>> pending = new ConcurrentLinkedQueue<>();
    AtomicInteger started = new AtomicInteger();

    LoadResult result = new LoadRunner(LoadClock.system()).run(
        options(1, 40, Duration.ZERO, null, true, false, DurationStop.WAIT),
        (slot, index, done) -> {
          pending.add(done);
          if (started.incrementAndGet() == 40) {
            // Only once all 40 are in flight on one worker does any of them end.
            pending.forEach(d -> completers.execute(() -> d.accept(CallOutcome.ok())));
          }
        });

    assertThat(result.count()).isEqualTo(40);
    assertThat(started).hasValue(40);
  }
}
