package dev.convoy.loadtest.engine;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** One worker's loop: take a ticket, wait until it is due, make the call, record it. */
final class Worker implements Runnable {

  /** Longest single park, so a cancelled run stops waiting promptly without an unpark. */
  private static final long MAX_PARK_NANOS = 20_000_000L;

  private final int id;
  private final CallPlan plan;
  private final LoadCall call;
  private final LoadClock clock;
  private final WorkerStats stats;
  private final LongAdder completed;
  private final LongAdder failed;

  Worker(
      int id,
      CallPlan plan,
      LoadCall call,
      LoadClock clock,
      WorkerStats stats,
      LongAdder completed,
      LongAdder failed) {
    this.id = id;
    this.plan = plan;
    this.call = call;
    this.clock = clock;
    this.stats = stats;
    this.completed = completed;
    this.failed = failed;
  }

  @Override
  public void run() {
    Optional<CallPlan.Ticket> next;
    while (!Thread.currentThread().isInterrupted()
        && (next = plan.next(clock.nanoTime())).isPresent()) {
      CallPlan.Ticket ticket = next.get();
      if (!awaitDue(ticket.intendedNanos())) {
        return;
      }
      long sent = clock.nanoTime();
      CallOutcome outcome = invoke(ticket.index());
      long end = clock.nanoTime();
      stats.record(ticket, sent, end, outcome);
      if (ticket.phase() != CallPlan.Phase.WARMUP) {
        completed.increment();
        if (!outcome.isOk()) {
          failed.increment();
        }
      }
    }
  }

  /** Waits for an open-loop ticket's intended time; false if the run was cancelled. */
  private boolean awaitDue(long intendedNanos) {
    long now;
    while ((now = clock.nanoTime()) < intendedNanos) {
      if (plan.isCancelled() || Thread.currentThread().isInterrupted()) {
        return false;
      }
      clock.parkNanos(Math.min(intendedNanos - now, MAX_PARK_NANOS));
    }
    return !plan.isCancelled();
  }

  private CallOutcome invoke(long index) {
    try {
      CallOutcome outcome = call.invoke(id, index);
      return outcome != null ? outcome : CallOutcome.of(new NullPointerException("null outcome"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CallOutcome.of(e);
    } catch (Exception e) {
      return CallOutcome.of(e);
    }
  }
}
