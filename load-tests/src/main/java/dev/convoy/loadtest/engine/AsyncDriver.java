package dev.convoy.loadtest.engine;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives an {@link AsyncLoadCall} with at most {@code concurrency} calls in flight and no
 * thread per call. Closed loop: {@code concurrency} slots, each issuing its next call from the
 * completion of the previous one. Open loop: one pacing thread takes each ticket when it is
 * due and starts it as soon as a slot is free; a late start counts in the corrected latency.
 */
final class AsyncDriver {

  /** Longest single wait of the pacing thread, so that a cancelled run stops promptly. */
  private static final long MAX_WAIT_NANOS = 20_000_000L;

  private final CallPlan plan;
  private final AsyncLoadCall call;
  private final LoadClock clock;
  private final StatsByThread stats;
  private final LongAdder completed;
  private final LongAdder failed;
  /** Slots issuing calls, plus one for the starter; the run is over when it reaches 0. */
  private final AtomicInteger active = new AtomicInteger(1);
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  AsyncDriver(CallPlan plan, AsyncLoadCall call, LoadClock clock, StatsByThread stats,
      LongAdder completed, LongAdder failed) {
    this.plan = plan;
    this.call = call;
    this.clock = clock;
    this.stats = stats;
    this.completed = completed;
    this.failed = failed;
  }

  /** Completes once the plan is over and no call is in flight. */
  CompletableFuture<Void> finished() {
    return finished;
  }

  void startClosedLoop(int concurrency) {
    for (int slot = 0; slot < concurrency; slot++) {
      active.incrementAndGet();
      issueFrom(slot);
    }
    release();
  }

  /** Starts the pacing thread of an open-loop run. */
  void startOpenLoop(int concurrency, String threadName) {
    Thread pacer = new Thread(() -> pace(concurrency), threadName);
    pacer.setDaemon(true);
    pacer.start();
  }

  /**
   * Issues calls in {@code slot} until one is still in flight when {@code start} returns (its
   * completion then carries on) or the plan is over. A call that completes before
   * {@code start} returns hands the slot back to this loop instead of recursing.
   */
  private void issueFrom(int slot) {
    Optional<CallPlan.Ticket> next;
    while ((next = plan.next(clock.nanoTime())).isPresent()) {
      InFlight inFlight = new InFlight(next.get(), slot, clock.nanoTime(),
          () -> issueFrom(slot));
      if (inFlight.startAndYield()) {
        return;
      }
    }
    release();
  }

  private void pace(int concurrency) {
    BlockingQueue<Integer> free = new ArrayBlockingQueue<>(concurrency);
    for (int slot = 0; slot < concurrency; slot++) {
      free.add(slot);
    }
    try {
      Optional<CallPlan.Ticket> next;
      while ((next = plan.next(clock.nanoTime())).isPresent()) {
        CallPlan.Ticket ticket = next.get();
        Integer slot = awaitDue(ticket.intendedNanos()) ? awaitSlot(free) : null;
        if (slot == null) {
          break;
        }
        active.incrementAndGet();
        Runnable freeSlot = () -> {
          free.add(slot);
          release();
        };
        if (!new InFlight(ticket, slot, clock.nanoTime(), freeSlot).startAndYield()) {
          freeSlot.run();
        }
      }
    } catch (InterruptedException e) {
      plan.cancel();
    } finally {
      release();
    }
  }

  private boolean awaitDue(long intendedNanos) {
    long now;
    while ((now = clock.nanoTime()) < intendedNanos) {
      if (plan.isCancelled()) {
        return false;
      }
      clock.parkNanos(Math.min(intendedNanos - now, MAX_WAIT_NANOS));
    }
    return !plan.isCancelled();
  }

  private Integer awaitSlot(BlockingQueue<Integer> free) throws InterruptedException {
    Integer slot;
    while ((slot = free.poll(MAX_WAIT_NANOS, TimeUnit.NANOSECONDS)) == null) {
      if (plan.isCancelled()) {
        return null;
      }
    }
    return slot;
  }

  private void release() {
    if (active.decrementAndGet() == 0) {
      finished.complete(null);
    }
  }

  /** One call in flight: records its end, then runs {@code then} or yields to its issuer. */
  private final class InFlight {
    private final CallPlan.Ticket ticket;
    private final int slot;
    private final long sentNanos;
    private final Runnable then;
    /** Set by whichever comes second of "start returned" and "call completed". */
    private final AtomicBoolean handedOver = new AtomicBoolean();

    InFlight(CallPlan.Ticket ticket, int slot, long sentNanos, Runnable then) {
      this.ticket = ticket;
      this.slot = slot;
      this.sentNanos = sentNanos;
      this.then = then;
    }

    /**
     * Starts the call; true when it is still in flight (its completion will run
     * {@code then}), false when it already completed (the caller runs what {@code then}
     * would, without recursing).
     */
    boolean startAndYield() {
      try {
        call.start(slot, ticket.index(), this::complete);
      } catch (Exception e) {
        complete(CallOutcome.of(e));
      }
      return handedOver.compareAndSet(false, true);
    }

    private void complete(CallOutcome outcome) {
      long end = clock.nanoTime();
      CallOutcome o = outcome != null ? outcome : CallOutcome.of(new NullPointerException());
      stats.current().record(ticket, sentNanos, end, o);
      if (ticket.phase() != CallPlan.Phase.WARMUP) {
        completed.increment();
        if (!o.isOk()) {
          failed.increment();
        }
      }
      if (!handedOver.compareAndSet(false, true)) {
        then.run();
      }
    }
  }
}
