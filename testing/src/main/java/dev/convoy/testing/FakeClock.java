package dev.convoy.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A clock that only moves when the test says so, and that doubles as the scheduled executor
 * of the code under test.
 *
 * <p>It never runs a task inline: {@code execute}, {@code submit} and {@code schedule} only
 * queue. {@link #advanceNanos} runs, in time order, every task that falls due up to the new
 * instant, including tasks scheduled by those tasks and the repeats of periodic ones; the
 * clock reads each task's due time while it runs. Tasks due at the same instant run in the
 * order they were queued.
 *
 * <p>A task given to {@link #execute} that throws makes {@code advance}/{@code runPending}
 * throw, so a failure in the code under test fails the test. Tasks from {@code submit} and
 * {@code schedule} keep their failure in their future, as with
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor}.
 *
 * <p>Tasks may be queued from any thread; time should be moved by one thread at a time.
 */
public final class FakeClock extends AbstractExecutorService
    implements ScheduledExecutorService, LongSupplier {
  private static final Instant DEFAULT_WALL_START = Instant.parse("2025-01-01T00:00:00Z");

  private final Object lock = new Object();
  private final long wallStartMillis;
  private final PriorityQueue<Due> queue = new PriorityQueue<>(); // guarded by lock
  private long nanos; // guarded by lock
  private long sequence; // guarded by lock; orders tasks due at the same instant
  private boolean shutdown; // guarded by lock

  /** A clock at nanosecond 0 whose wall clock reads 2025-01-01T00:00:00Z. */
  public FakeClock() {
    this(DEFAULT_WALL_START);
  }

  /** A clock at nanosecond 0 whose wall clock reads {@code wallStart}. */
  public FakeClock(Instant wallStart) {
    this.wallStartMillis = wallStart.toEpochMilli();
  }

  /** The ticker: nanoseconds since the clock was made. */
  public long nanos() {
    synchronized (lock) {
      return nanos;
    }
  }

  /** Same as {@link #nanos()}, so {@code clock} itself can be passed as a nano ticker. */
  @Override
  public long getAsLong() {
    return nanos();
  }

  /** Wall-clock milliseconds since the epoch, moving with the ticker. */
  public long millis() {
    return wallStartMillis + TimeUnit.NANOSECONDS.toMillis(nanos());
  }

  /** Moves time forward by {@code duration}, running every task that falls due on the way. */
  public void advance(Duration duration) {
    advanceNanos(duration.toNanos());
  }

  /** Moves time forward by {@code delta} ns, running every task that falls due on the way. */
  public void advanceNanos(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("time cannot move backwards: " + delta + " ns");
    }
    long target;
    synchronized (lock) {
      target = saturatedAdd(nanos, delta);
    }
    for (Due due = pollDueBy(target); due != null; due = pollDueBy(target)) {
      due.task().run();
    }
    synchronized (lock) {
      nanos = Math.max(nanos, target);
    }
  }

  /** Runs the tasks due now, including those they queue for now, without moving time. */
  public void runPending() {
    advanceNanos(0);
  }

  /** How many tasks are queued, periodic ones counting once. */
  public int pendingTasks() {
    synchronized (lock) {
      return queue.size();
    }
  }

  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    synchronized (lock) {
      enqueue(command, nanos);
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(new ScheduledTask<Void>(command, 0), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return schedule(new ScheduledTask<>(callable, 0), delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    long periodNanos = positive(unit.toNanos(period), "period");
    return schedule(new ScheduledTask<Void>(command, periodNanos), initialDelay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    long delayNanos = positive(unit.toNanos(delay), "delay");
    return schedule(new ScheduledTask<Void>(command, -delayNanos), initialDelay, unit);
  }

  @Override
  public void shutdown() {
    synchronized (lock) {
      shutdown = true;
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    synchronized (lock) {
      shutdown = true;
      List<Runnable> pending = new ArrayList<>(queue.size());
      queue.forEach(due -> pending.add(due.task()));
      queue.clear();
      return pending;
    }
  }

  @Override
  public boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return shutdown && queue.isEmpty();
    }
  }

  /** Never waits: nothing would run while it did. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
    throw blockingUnsupported();
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    throw blockingUnsupported();
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
    throw blockingUnsupported();
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    throw blockingUnsupported();
  }

  private <V> ScheduledTask<V> schedule(ScheduledTask<V> task, long delay, TimeUnit unit) {
    synchronized (lock) {
      task.at = saturatedAdd(nanos, Math.max(0, unit.toNanos(delay)));
      enqueue(task, task.at);
    }
    return task;
  }

  private void enqueue(Runnable task, long at) { // caller holds lock
    if (shutdown) {
      throw new RejectedExecutionException("the fake clock is shut down");
    }
    queue.add(new Due(at, sequence++, task));
  }

  private Due pollDueBy(long target) {
    synchronized (lock) {
      Due head = queue.peek();
      if (head == null || head.at() > target) {
        return null;
      }
      queue.poll();
      nanos = Math.max(nanos, head.at());
      return head;
    }
  }

  private static long positive(long nanos, String what) {
    if (nanos <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + nanos + " ns");
    }
    return nanos;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static UnsupportedOperationException blockingUnsupported() {
    return new UnsupportedOperationException(
        "FakeClock cannot block: its tasks run only when the test advances the clock");
  }

  /** A queued task and when it falls due. */
  private record Due(long at, long seq, Runnable task) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
  }

  /** A scheduled task: one-shot, or periodic at a fixed rate (period > 0) or delay (< 0). */
  private final class ScheduledTask<V> extends FutureTask<V>
      implements RunnableScheduledFuture<V> {
    private final long period;
    private long at; // guarded by lock

    ScheduledTask(Callable<V> callable, long period) {
      super(callable);
      this.period = period;
    }

    ScheduledTask(Runnable command, long period) {
      super(command, null);
      this.period = period;
    }

    @Override
    public void run() {
      if (!isPeriodic()) {
        super.run();
      } else if (runAndReset()) { // false once it threw or was cancelled: no repeat
        synchronized (lock) {
          at = period > 0 ? at + period : nanos - period;
          if (!shutdown) {
            enqueue(this, at);
          }
        }
      }
    }

    @Override
    public boolean isPeriodic() {
      return period != 0;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (lock) {
        return unit.convert(at - nanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        synchronized (lock) {
          queue.removeIf(due -> due.task() == this);
        }
      }
      return cancelled;
    }
  }
}
