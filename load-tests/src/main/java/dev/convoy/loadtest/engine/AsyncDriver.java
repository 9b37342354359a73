package dev.convoy.loadtest.engine;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives an {@link AsyncLoadCall} with at most the current concurrency of calls in flight and
 * no thread per call. Closed loop: one slot per worker, each issuing its next call from the
 * completion of the previous one. Open loop (a rate, or {@code async}): one pacing thread takes
 * each ticket when it is due and starts it as soon as a slot is free; a late start counts in
 * the corrected latency. A concurrency schedule adds and retires slots at its step
 * boundaries (one controller thread); {@link DurationStop} decides, at the duration's end,
 * what becomes of calls in flight (one deadline thread, unless they simply finish).
 */
final class AsyncDriver {

  /** Longest single wait of the pacing thread, so that a cancelled run stops promptly. */
  private static final long MAX_WAIT_NANOS = 20_000_000L;

  /** ghz's record of a call its closing connection ended (grpc-go's words). */
  static final CallOutcome CLOSED = CallOutcome.failed("Canceled",
      "rpc error: code = Canceled desc = grpc: the client connection is closing");

  private final CallPlan plan;
  private final AsyncLoadCall call;
  private final LoadClock clock;
  private final StatsByThread stats;
  private final LongAdder completed;
  private final LongAdder failed;
  /** Slots issuing calls, plus one for the starter; the run is over when it reaches 0. */
  private final AtomicInteger active = new AtomicInteger(1);
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
  /** Slots allowed to issue now; slots at or above it retire when their call ends. */
  private final AtomicInteger level = new AtomicInteger();
  /** Closed loop: slots with an issuer. */
  private final Set<Integer> running = ConcurrentHashMap.newKeySet();
  /** Open loop: free slots, and free slots above the level waiting for it to rise. */
  private final BlockingQueue<Integer> free = new LinkedBlockingQueue<>();
  private final Set<Integer> parked = ConcurrentHashMap.newKeySet();
  private int createdSlots;
  private DurationStop durationStop = DurationStop.WAIT;
  /** Whether calls in flight are kept in {@link #inFlight}, to close them at the deadline. */
  private boolean trackInFlight;
  private volatile boolean deadlinePassed;

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

  /** Starts the run's slots (or pacing thread) and its controller and deadline threads. */
  void start(LoadOptions options, String threadPrefix) {
    durationStop = options.durationStop();
    trackInFlight = durationStop != DurationStop.WAIT && !options.duration().isZero();
    long startNanos = clock.nanoTime();
    boolean open = options.openLoop() || options.async();
    level.set(options.async() ? LoadOptions.ASYNC_MAX_IN_FLIGHT : options.initialConcurrency());
    if (!options.duration().isZero() && durationStop != DurationStop.WAIT) {
      daemon(this::awaitDeadline, threadPrefix + "-deadline");
    }
    if (options.concurrencyRamp() != null && !options.async()) {
      active.incrementAndGet(); // the controller's, so that a schedule at 0 does not end the run
      daemon(() -> {
        try {
          follow(options.concurrencyRamp(), startNanos, open);
        } finally {
          release();
        }
      }, threadPrefix + "-concurrency");
    }
    if (open) {
      addFreeSlots(level.get());
      daemon(this::pace, threadPrefix + "-pacer");
    } else {
      startClosedLoop(level.get());
    }
  }

  private void startClosedLoop(int slots) {
    for (int slot = 0; slot < slots; slot++) {
      startIssuer(slot);
    }
    release();
  }

  private void startIssuer(int slot) {
    if (running.add(slot)) {
      active.incrementAndGet();
      issueFrom(slot);
    }
  }

  /**
   * Issues calls in {@code slot} until one is still in flight when {@code start} returns (its
   * completion then carries on), the slot is above the level, or the plan is over. A call that
   * completes before {@code start} returns hands the slot back to this loop instead of
   * recursing.
   */
  private void issueFrom(int slot) {
    while (true) {
      Optional<CallPlan.Ticket> next;
      while (slot < level.get() && (next = plan.next(clock.nanoTime())).isPresent()) {
        InFlight call = new InFlight(next.get(), slot, clock.nanoTime(), () -> issueFrom(slot));
        if (call.startAndYield()) {
          return;
        }
      }
      running.remove(slot);
      // The level may have risen after the check, while the controller saw this slot running.
      if (!(slot < level.get() && plan.endReason().isEmpty() && running.add(slot))) {
        release();
        return;
      }
    }
  }

  private void pace() {
    try {
      Optional<CallPlan.Ticket> next;
      while ((next = plan.next(clock.nanoTime())).isPresent()) {
        CallPlan.Ticket ticket = next.get();
        Integer slot = awaitDue(ticket.intendedNanos()) ? awaitSlot() : null;
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
      if (plan.endReason().isPresent()) {
        return false;
      }
      clock.parkNanos(Math.min(intendedNanos - now, MAX_WAIT_NANOS));
    }
    return plan.endReason().isEmpty();
  }

  /** A free slot below the level; slots above it are parked until the level rises. */
  private Integer awaitSlot() throws InterruptedException {
    while (true) {
      Integer slot = free.poll(MAX_WAIT_NANOS, TimeUnit.NANOSECONDS);
      if (slot != null && slot < level.get()) {
        return slot;
      }
      if (slot != null) {
        parked.add(slot);
        unparkBelowLevel();
      }
      if (plan.endReason().isPresent()) {
        return null;
      }
    }
  }

  /** Follows a concurrency schedule: sets the level at each change and starts new slots. */
  private void follow(Ramp ramp, long startNanos, boolean open) {
    long elapsed = 0;
    long change;
    while ((change = ramp.nextChangeNanos(elapsed)) != Long.MAX_VALUE) {
      if (startNanos + change >= plan.endNanos()) {
        break;
      }
      if (!parkUntil(startNanos + change)) {
        return;
      }
      elapsed = change;
      int newLevel = (int) Math.min(Integer.MAX_VALUE, ramp.levelAt(change));
      level.set(newLevel);
      if (open) {
        addFreeSlots(newLevel);
        unparkBelowLevel();
      } else {
        for (int slot = 0; slot < newLevel && plan.endReason().isEmpty(); slot++) {
          startIssuer(slot);
        }
      }
    }
    // A schedule that has no worker left makes no call that would end the run by its time.
    if (level.get() == 0 && plan.endNanos() != Long.MAX_VALUE && parkUntil(plan.endNanos())) {
      plan.expire();
    }
  }

  private synchronized void addFreeSlots(int upTo) {
    while (createdSlots < upTo) {
      free.add(createdSlots++);
    }
  }

  private void unparkBelowLevel() {
    for (Integer slot : parked) {
      if (slot < level.get() && parked.remove(slot)) {
        free.add(slot);
      }
    }
  }

  /**
   * At the duration's end, ends the calls in flight as ghz does by closing its connections:
   * recorded as {@link #CLOSED}, or not at all ({@link DurationStop#IGNORE}).
   */
  private void awaitDeadline() {
    if (!parkUntil(plan.endNanos())) {
      return;
    }
    plan.expire();
    deadlinePassed = true;
    for (InFlight call : inFlight) {
      call.complete(CLOSED);
    }
  }

  /** Parks until {@code nanos}; false when the run ended first. */
  private boolean parkUntil(long nanos) {
    long now;
    while ((now = clock.nanoTime()) < nanos) {
      if (finished.isDone() || plan.endReason().isPresent()) {
        return false;
      }
      clock.parkNanos(Math.min(nanos - now, MAX_WAIT_NANOS));
    }
    return !finished.isDone() && plan.endReason().isEmpty();
  }

  private void release() {
    if (active.decrementAndGet() == 0) {
      finished.complete(null);
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** One call in flight: records its end, then runs {@code then} or yields to its issuer. */
  private final class InFlight {
    private final CallPlan.Ticket ticket;
    private final int slot;
    private final long sentNanos;
    private final Runnable then;
    /** Set by whichever comes second of "start returned" and "call completed". */
    private final AtomicBoolean handedOver = new AtomicBoolean();
    /** Set by the first end: the call's own, or its closing at the deadline. */
    private final AtomicBoolean ended = new AtomicBoolean();

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
      if (trackInFlight) {
        inFlight.add(this);
      }
      try {
        call.start(slot, ticket.index(), this::complete);
      } catch (Exception e) {
        complete(CallOutcome.of(e));
      }
      return handedOver.compareAndSet(false, true);
    }

    private void complete(CallOutcome outcome) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      if (trackInFlight) {
        inFlight.remove(this);
      }
      long end = clock.nanoTime();
      CallOutcome o = outcome != null ? outcome : CallOutcome.of(new NullPointerException());
      if (deadlinePassed && durationStop == DurationStop.CLOSE) {
        o = CLOSED;
      }
      boolean disowned = deadlinePassed && durationStop == DurationStop.IGNORE;
      if (!disowned) {
        stats.current().record(ticket, sentNanos, end, o);
      }
      if (ticket.phase() != CallPlan.Phase.WARMUP && !disowned) {
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
