package dev.convoy.loadtest.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs load: {@code concurrency} worker threads (one fixed pool per run, threads named
 * {@code <prefix>-<n>}) each make one call at a time until the {@link CallPlan} says stop.
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

  /** Starts a run and returns at once. */
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
    List<WorkerStats> stats = new ArrayList<>();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < options.concurrency(); i++) {
      WorkerStats s = new WorkerStats(startNanos, options.detailLimitPerWorker());
      stats.add(s);
      workers.add(new Worker(i, plan, call, clock, s, completed, failed));
    }
    return new LoadRun(
        options, clock, plan, pool, submitAll(pool, workers), stats, startedAt, completed,
        failed);
  }

  /** Runs to the end and returns the result. */
  public LoadResult run(LoadOptions options, LoadCall call) throws InterruptedException {
    LoadRun run = start(options, call);
    try {
      return run.await();
    } catch (InterruptedException e) {
      run.cancel();
      throw e;
    }
  }

  private static List<Future<?>> submitAll(ExecutorService pool, List<Worker> workers) {
    List<Future<?>> futures = new ArrayList<>();
    for (Worker worker : workers) {
      futures.add(pool.submit(worker));
    }
    pool.shutdown(); // no more tasks: the pool's threads end with the workers
    return futures;
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
