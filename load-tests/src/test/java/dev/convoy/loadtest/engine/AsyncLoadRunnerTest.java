package dev.convoy.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.testing.FakeLoadClock;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncLoadRunnerTest {

  private static final long MS = 1_000_000L;

  private final ExecutorService completers = Executors.newFixedThreadPool(3);

  @AfterEach
  void tearDown() {
    completers.shutdownNow();
  }

  @Test
  void run_closedLoopCompletionsOnOtherThreads_exactTotalNeverMoreThanConcurrencyInFlight()
      throws Exception {
    Set<Integer> slotsInFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger sharedSlot = new AtomicInteger();

    LoadResult result = new LoadRunner(LoadClock.system()).run(LoadOptions.closedLoop(8, 2_000),
        (slot, index, done) -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          if (!slotsInFlight.add(slot)) {
            sharedSlot.incrementAndGet();
          }
          completers.execute(() -> {
            slotsInFlight.remove(slot);
            inFlight.decrementAndGet();
            done.accept(CallOutcome.ok());
          });
        });

    assertThat(result.count()).isEqualTo(2_000);
    assertThat(result.latency().getTotalCount()).isEqualTo(2_000);
    assertThat(result.statusCounts()).containsExactlyEntriesOf(Map.of("OK", 2_000L));
    assertThat(maxInFlight.get()).isBetween(1, 8);
    assertThat(sharedSlot).hasValue(0);
    assertThat(result.endReason()).isEqualTo(EndReason.NORMAL);
  }

  @Test
  void run_closedLoopCompletingBeforeStartReturns_noRecursionAndExactTotal() throws Exception {
    LoadResult result = new LoadRunner(LoadClock.system()).run(
        LoadOptions.closedLoop(2, 200_000),
        (slot, index, done) -> done.accept(index % 4 == 3
            ? CallOutcome.failed("Unavailable", "down") : CallOutcome.ok()));

    assertThat(result.count()).isEqualTo(200_000);
    assertThat(result.statusCounts()).containsEntry("OK", 150_000L)
        .containsEntry("Unavailable", 50_000L);
    assertThat(result.errorCounts()).containsExactlyEntriesOf(Map.of("down", 50_000L));
  }

  @Test
  void run_startThrows_recordedAsUnknownAndRunEnds() throws Exception {
    LoadResult result = new LoadRunner(LoadClock.system()).run(LoadOptions.closedLoop(3, 9),
        (AsyncLoadCall) (slot, index, done) -> {
          throw new IllegalStateException("boom");
        });

    assertThat(result.statusCounts()).containsExactlyEntriesOf(Map.of(CallOutcome.UNKNOWN, 9L));
  }

  @Test
  void run_openLoopFastCalls_sentOnScheduleWithLatenciesRecorded() throws Exception {
    FakeLoadClock clock = new FakeLoadClock();
    LoadOptions options = LoadOptions.closedLoop(4, 5).withRps(100).withRecordDetails(true);

    LoadResult result = new LoadRunner(clock).run(options, (slot, index, done) -> {
      clock.advance(Duration.ofMillis(2));
      done.accept(CallOutcome.ok());
    });

    assertThat(result.details()).extracting(CallDetail::sentOffsetNanos)
        .containsExactly(0L, 10 * MS, 20 * MS, 30 * MS, 40 * MS);
    assertThat(result.details()).extracting(CallDetail::latencyNanos).containsOnly(2 * MS);
    assertThat(result.details()).extracting(CallDetail::correctedLatencyNanos)
        .containsOnly(2 * MS);
    assertThat(result.latency().getTotalCount()).isEqualTo(5);
  }

  @Test
  void run_openLoopSlowCallsOneSlot_correctedLatencyCountsTheWaitForTheSlot() throws Exception {
    FakeLoadClock clock = new FakeLoadClock();
    LoadOptions options = LoadOptions.closedLoop(1, 4).withRps(100).withRecordDetails(true);

    LoadResult result = new LoadRunner(clock).run(options, (slot, index, done) -> {
      clock.advance(Duration.ofMillis(25));
      done.accept(CallOutcome.ok());
    });

    // Call i is due at 10i ms, sent at 25i ms, done at 25(i+1) ms.
    assertThat(result.details()).extracting(CallDetail::correctedLatencyNanos)
        .containsExactly(25 * MS, 40 * MS, 55 * MS, 70 * MS);
    assertThat(result.corrected().orElseThrow().getTotalCount()).isEqualTo(4);
  }

  @Test
  void start_openLoopCallsHeld_noMoreThanConcurrencyStartedUntilOneEnds() throws Exception {
    Queue<Consumer<CallOutcome>> held = new ConcurrentLinkedQueue<>();
    LoadRun run = new LoadRunner(LoadClock.system()).start(
        LoadOptions.closedLoop(2, 6).withRps(100_000), (slot, index, done) -> held.add(done));

    awaitSize(held, 2);
    assertThat(held).hasSize(2);
    for (int released = 0; released < 6; released++) {
      awaitSize(held, 1);
      held.poll().accept(CallOutcome.ok());
      assertThat(held.size()).isLessThanOrEqualTo(2);
    }
    LoadResult result = run.await();

    assertThat(result.count()).isEqualTo(6);
  }

  /** Waits (bounded) for the pacing thread to start calls; no fixed sleep. */
  private static void awaitSize(Queue<?> queue, int size) throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (queue.size() < size && System.nanoTime() < giveUp) {
      Thread.onSpinWait();
    }
    // A pacing thread that starts a third call would do so at once: give it the chance.
    Thread.yield();
  }
}
