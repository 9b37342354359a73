package dev.convoy.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.testing.FakeLoadClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

  private static final long MS = 1_000_000L;

  @Test
  void run_closedLoop_makesExactlyTotalCallsOverAllWorkers() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicLong calls = new AtomicLong();

    LoadResult result = new LoadRunner(LoadClock.system(), "test-worker")
        .run(LoadOptions.closedLoop(8, 200), (worker, index) -> {
          threads.add(Thread.currentThread().getName());
          calls.incrementAndGet();
          return CallOutcome.ok();
        });

    assertThat(calls).hasValue(200);
    assertThat(result.count()).isEqualTo(200);
    assertThat(result.statusCounts()).containsExactlyEntriesOf(java.util.Map.of("OK", 200L));
    assertThat(result.latency().getTotalCount()).isEqualTo(200);
    assertThat(result.endReason()).isEqualTo(EndReason.NORMAL);
    assertThat(threads).allMatch(name -> name.startsWith("test-worker-"));
  }

  @Test
  void run_failures_countedByStatusAndErrorAndLeftOutOfLatency() throws Exception {
    LoadResult result = new LoadRunner(LoadClock.system())
        .run(LoadOptions.closedLoop(4, 100), (worker, index) -> index % 10 == 9
            ? CallOutcome.failed("Unavailable", "rpc error: code = Unavailable desc = x")
            : CallOutcome.ok());

    assertThat(result.statusCounts()).containsEntry("OK", 90L).containsEntry("Unavailable", 10L);
    assertThat(result.errorCounts())
        .containsExactlyEntriesOf(java.util.Map.of("rpc error: code = Unavailable desc = x", 10L));
    assertThat(result.latency().getTotalCount()).isEqualTo(90);
    assertThat(result.errorCount()).isEqualTo(10);
  }

  @Test
  void run_callThrows_recordedAsUnknown() throws Exception {
    LoadResult result = new LoadRunner(LoadClock.system())
        .run(LoadOptions.closedLoop(1, 3), (worker, index) -> {
          throw new IllegalStateException("boom");
        });

    assertThat(result.statusCounts()).containsEntry(CallOutcome.UNKNOWN, 3L);
    assertThat(result.errorCounts().keySet()).singleElement().asString().contains("boom");
  }

  @Test
  void run_openLoopSlowService_correctedLatencyIncludesTimeBehindSchedule() throws Exception {
    FakeLoadClock clock = new FakeLoadClock();
    // 100/s wanted (every 10 ms) but each call takes 25 ms on the only worker.
    LoadOptions options = LoadOptions.closedLoop(1, 10).withRps(100).withRecordDetails(true);

    LoadResult result = new LoadRunner(clock).run(options, (worker, index) -> {
      clock.advance(Duration.ofMillis(25));
      return CallOutcome.ok();
    });

    assertThat(result.fastestNanos()).isEqualTo(25 * MS);
    assertThat(result.slowestNanos()).isEqualTo(25 * MS);
    // Call i is due at 10i ms, sent at 25i ms, done at 25(i+1) ms: 25 + 15i ms from due.
    assertThat(result.details()).extracting(CallDetail::correctedLatencyNanos)
        .containsExactly(25 * MS, 40 * MS, 55 * MS, 70 * MS, 85 * MS, 100 * MS, 115 * MS,
            130 * MS, 145 * MS, 160 * MS);
    assertThat(result.corrected()).isPresent();
    assertThat(result.corrected().orElseThrow().getMaxValue())
        .isBetween(160 * MS, 161 * MS);
    assertThat(result.latency().getMaxValue()).isLessThan(26 * MS);
    assertThat(result.totalNanos()).isEqualTo(250 * MS);
  }

  @Test
  void run_openLoopFastService_waitsForScheduleAndCorrectedEqualsUncorrected() throws Exception {
    FakeLoadClock clock = new FakeLoadClock();
    LoadOptions options = LoadOptions.closedLoop(1, 5).withRps(100).withRecordDetails(true);

    LoadResult result = new LoadRunner(clock).run(options, (worker, index) -> {
      clock.advance(Duration.ofMillis(2));
      return CallOutcome.ok();
    });

    assertThat(result.details()).extracting(CallDetail::sentOffsetNanos)
        .containsExactly(0L, 10 * MS, 20 * MS, 30 * MS, 40 * MS);
    assertThat(result.details()).extracting(CallDetail::correctedLatencyNanos)
        .containsOnly(2 * MS);
    assertThat(result.rps()).isCloseTo(5 / 0.042, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void run_warmupAndSkipFirst_notRecorded() throws Exception {
    FakeLoadClock clock = new FakeLoadClock();
    LoadOptions options = LoadOptions.closedLoop(1, 6).withSkipFirst(2)
        .withWarmup(Duration.ofMillis(30)).withRecordDetails(true);

    LoadResult result = new LoadRunner(clock).run(options, (worker, index) -> {
      clock.advance(Duration.ofMillis(10));
      return CallOutcome.ok();
    });

    assertThat(result.warmupCalls()).isEqualTo(3);
    assertThat(result.skippedCalls()).isEqualTo(2);
    assertThat(result.count()).isEqualTo(4);
    assertThat(result.details()).hasSize(4);
    assertThat(result.totalNanos()).isEqualTo(60 * MS);
  }

  @Test
  void cancel_runningOpenLoop_stopsWithCancelReason() throws Exception {
    CountDownLatch firstCall = new CountDownLatch(1);
    LoadRun run = new LoadRunner(LoadClock.system()).start(
        LoadOptions.closedLoop(2, 1_000_000).withRps(1), (worker, index) -> {
          firstCall.countDown();
          return CallOutcome.ok();
        });
    assertThat(firstCall.await(5, TimeUnit.SECONDS)).isTrue();

    run.cancel();
    LoadResult result = run.await();

    assertThat(result.endReason()).isEqualTo(EndReason.CANCEL);
    assertThat(result.count()).isLessThan(5);
    assertThat(run.isDone()).isTrue();
  }

  @Test
  void progress_closedLoopTotal_reportsFractionByCalls() throws Exception {
    LoadRun run = new LoadRunner(LoadClock.system())
        .start(LoadOptions.closedLoop(2, 10), (worker, index) -> CallOutcome.ok());
    run.await();

    Progress progress = run.progress();

    assertThat(progress.completed()).isEqualTo(10);
    assertThat(progress.fraction()).isEqualTo(1.0);
    assertThat(progress.warmingUp()).isFalse();
  }
}
