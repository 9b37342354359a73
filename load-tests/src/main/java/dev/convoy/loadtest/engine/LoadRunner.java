package dev.convoy.loadtest.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs load. An {@link AsyncLoadCall} (the gRPC calls) runs with at most {@code concurrency}
 * calls in flight and no thread per call: each completion issues the next call (closed loop),
 * or one pacing thread starts calls as they fall due (open loop). A blocking {@link LoadCall}
 * (in-process model runs) gets {@code concurrency} worker threads (one fixed pool per run,
 * threads named {@code <prefix>-<n>}), each making one call at a time. Both take their calls
 * from the same {@link CallPlan} and record into the same per-thread statistics.
 *
 * <pre>{@code
 * LoadRunner runner = new LoadRunner(LoadClock.system());
 * LoadResult result = runner.run(LoadOptions.closedLoop(8, 1000), (worker, index) -> {
 *   model.infer(batch);
 *   return CallOutcome.ok();
 * });
 * long p99 = result.latencyAtPercentile(99);
 * }</pre>
 */
public final class LoadRunner {

  private final LoadClock clock;
  private final String threadNamePrefix;

  public LoadRunner(LoadClock clock) {
    this(clock, "convoy-load-worker");
  }

  public LoadRunner(LoadClock clock, String threadNamePrefix) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
  }

  /** Starts a run of asynchronous calls and returns at once. */
  public LoadRun start(LoadOptions options, AsyncLoadCall call) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(call, "call");
    LongAdder completed = new LongAdder();
    LongAdder failed = new LongAdder();
    long startNanos = clock.nanoTime();
    Instant startedAt = clock.instant();
    CallPlan plan = new CallPlan(options, startNanos);
    StatsByThread stats =
        new StatsByThread(startNanos, options.detailBudget(), options.countErrors());
    AsyncDriver driver = new AsyncDriver(plan, call, clock, stats, completed, failed);
    driver.start(options, threadNamePrefix);
    return new LoadRun(options, clock, plan, driver.finished(), stats::all, () -> {},
        startedAt, completed, failed);
  }

  /** Starts a run of blocking calls and returns at once. */
  public LoadRun start(LoadOptions options, LoadCall call) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(call, "call");
    ExecutorService pool =
        Executors.newFixedThreadPool(options.concurrency(), namedThreads(threadNamePrefix));
    LongAdder completed = new LongAdder();
    LongAdder failed = new LongAdder();
    long startNanos = clock.nanoTime();
    Instant startedAt = clock.instant();
    CallPlan plan = new CallPlan(options, startNanos);
    AtomicInteger budget = options.detailBudget();
    List<WorkerStats> stats = new ArrayList<>();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int i = 0; i < options.concurrency(); i++) {
      WorkerStats s = new WorkerStats(startNanos, budget, options.countErrors());
      stats.add(s);
      workers.add(CompletableFuture.runAsync(
          new Worker(i, plan, call, clock, s, completed, failed), pool));
    }
    pool.shutdown(); // no more tasks: the pool's threads end with the workers
    CompletableFuture<Void> finished =
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new));
    List<WorkerStats> all = List.copyOf(stats);
    return new LoadRun(options, clock, plan, finished, () -> all, () -> stop(pool),
        startedAt, completed, failed);
  }

  /** Runs asynchronous calls to the end and returns the result. */
  public LoadResult run(LoadOptions options, AsyncLoadCall call) throws InterruptedException {
    return awaitOrCancel(start(options, call));
  }

  /** Runs blocking calls to the end and returns the result. */
  public LoadResult run(LoadOptions options, LoadCall call) throws InterruptedException {
    return awaitOrCancel(start(options, call));
  }

  private static LoadResult awaitOrCancel(LoadRun run) throws InterruptedException {
    try {
      return run.await();
    } catch (InterruptedException e) {
      run.cancel();
      throw e;
    }
  }

  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory namedThreads(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
      // A caller that abandons a run must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
