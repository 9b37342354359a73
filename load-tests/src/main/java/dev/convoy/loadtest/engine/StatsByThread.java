package dev.convoy.loadtest.engine;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link WorkerStats} per thread that records a completion, so that recording takes no
 * lock and shares no cache line: completions of asynchronous calls arrive on whichever thread
 * the transport runs them on. The run merges them once no call is in flight.
 */
final class StatsByThread {

  private final long startNanos;
  private final AtomicInteger detailBudget;
  private final boolean countErrors;
  private final Queue<WorkerStats> all = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<WorkerStats> mine;

  StatsByThread(long startNanos, AtomicInteger detailBudget, boolean countErrors) {
    this.startNanos = startNanos;
    this.detailBudget = detailBudget;
    this.countErrors = countErrors;
    this.mine = ThreadLocal.withInitial(this::register);
  }

  /** The calling thread's stats. */
  WorkerStats current() {
    return mine.get();
  }

  /** Every thread's stats; read only once no call is in flight. */
  List<WorkerStats> all() {
    return List.copyOf(all);
  }

  private WorkerStats register() {
    WorkerStats stats = new WorkerStats(startNanos, detailBudget, countErrors);
    all.add(stats);
    return stats;
  }
}
