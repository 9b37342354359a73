package dev.convoy.batcher;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Groups concurrent requests for one model into batches for its instances, with Triton's
 * dynamic batching semantics (see {@link BatchDecider} for how a batch is chosen).
 *
 * <p>Threads: {@link #submit} runs on the caller's thread and never waits for room. A
 * dispatch pass runs on the thread that changed the queue (the submitter, the instance that
 * finished, the caller that cancelled), so a request that can go at once is handed straight to
 * an instance, and on {@code scheduler} only at a wake-up, scheduled for when the oldest
 * request's delay ends (less a {@link WakeupLead}, so that its batch starts on time) or a
 * queued request's deadline or timeout passes. Batches run on
 * {@code instanceExecutor}, one at a time per instance. All mutable state is guarded by one
 * lock, held briefly and never while an instance runs or a caller's callback runs: futures are
 * completed after it is released.
 *
 * <p>Every refusal comes back as an already-failed future: {@link InvalidBatchRequestException},
 * {@link QueueFullException}, {@link DeadlineExpiredException}, {@link BatcherClosedException}.
 * A queued request may later fail with {@link QueueTimeoutException} or {@link
 * DeadlineExpiredException}, or with whatever its batch's {@link BatchExecutor} threw.
 * Cancelling (or otherwise completing) a returned future takes the request out of the queue;
 * once dispatched, it runs with its batch.
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {
  private final String name;
  private final BatcherConfig config;
  private final BatchPolicy policy;
  private final List<BatchExecutor<I, O>> instances;
  private final LongSupplier ticker;
  private final ScheduledExecutorService scheduler;
  private final Executor instanceExecutor;
  private final Completions completions;
  private final WakeupLead lead; // guarded by lock

  private final Object lock = new Object();
  private final PendingQueue<I, O> queue; // guarded by lock
  private final boolean[] busy; // guarded by lock
  private long accepted; // guarded by lock; the next sequence number
  private ScheduledFuture<?> wakeup; // guarded by lock
  private long wakeupAt; // guarded by lock
  private CompletableFuture<Void> drained; // guarded by lock; non-null once closing

  /**
   * @param name the model's name, used in every failure message
   * @param instances one executor per model instance
   * @param nanoTicker the clock for queue delays, timeouts and deadlines
   * @param scheduler runs the wake-ups' dispatch passes; must outlive this batcher
   * @param instanceExecutor runs batches; should offer a thread per instance
   */
  public DynamicBatcher(String name, BatcherConfig config,
      List<? extends BatchExecutor<I, O>> instances, LongSupplier nanoTicker,
      ScheduledExecutorService scheduler, Executor instanceExecutor) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.instances = List.copyOf(instances);
    if (this.instances.isEmpty()) {
      throw new IllegalArgumentException("model '" + name + "': needs at least one instance");
    }
    this.ticker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.instanceExecutor = Objects.requireNonNull(instanceExecutor, "instanceExecutor");
    this.policy = BatchPolicy.of(config);
    this.lead = new WakeupLead(policy.maxQueueDelayNanos());
    this.completions = new Completions(config.preserveOrdering());
    this.queue = new PendingQueue<>(config);
    this.busy = new boolean[this.instances.size()];
  }

  /**
   * Queues a request. Never waits for room or for a batch (it takes the lock only briefly);
   * refusals come back as an already-failed future.
   */
  public CompletableFuture<O> submit(BatchRequest<I> request) {
    Objects.requireNonNull(request, "request");
    int maxRows = config.maxRowsPerRequest();
    if (request.rows() < 1 || request.rows() > maxRows) {
      return CompletableFuture.failedFuture(
          new InvalidBatchRequestException(name, request.rows(), maxRows));
    }
    CompletableFuture<O> future = new CompletableFuture<>();
    Entry<I, O> entry;
    List<Launch<I, O>> launches = new ArrayList<>(1);
    try {
      synchronized (lock) {
        entry = admit(request, future);
        passLocked(launches);
      }
    } catch (RejectedException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    // A future completed while queued can only be the caller's doing (cancel, orTimeout...):
    // the request leaves the queue at once.
    future.whenComplete((result, failure) -> forget(entry));
    startAll(launches);
    return future;
  }

  /** Requests waiting for a batch, not counting those running. */
  public int queuedRequests() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /**
   * Stops accepting requests ({@link BatcherClosedException}), sends everything queued without
   * waiting out the queue delay, and completes once every accepted request has completed.
   */
  public CompletableFuture<Void> drainAndClose() {
    List<Launch<I, O>> launches = new ArrayList<>();
    CompletableFuture<Void> done;
    synchronized (lock) {
      beginClosing();
      done = drained;
      passLocked(launches);
    }
    startAll(launches);
    return done;
  }

  /**
   * Stops at once: refuses new requests and fails every queued one with {@link
   * BatcherClosedException}. Batches already running finish and complete their requests; the
   * future of {@link #drainAndClose} completes after them.
   */
  @Override
  public void close() {
    synchronized (lock) {
      beginClosing();
      for (Entry<I, O> entry : queue.clear()) {
        completions.skip(entry.seq);
        fail(entry, new BatcherClosedException(name));
      }
      scheduleWakeup(ticker.getAsLong(), Ticks.NONE);
      signalIfDrained();
    }
    completions.runReady();
  }

  private Entry<I, O> admit(BatchRequest<I> request, CompletableFuture<O> future) { // holds lock
    long now = ticker.getAsLong();
    int priority = config.priorityOf(request.priority());
    QueuePolicy queuePolicy = config.queuePolicy(priority);
    if (drained != null) {
      throw new BatcherClosedException(name);
    }
    if (Ticks.reached(now, request.deadlineNanos())) {
      throw new DeadlineExpiredException(name, 0);
    }
    if (queue.isFull(priority)) {
      throw new QueueFullException(name, priority, queuePolicy.maxQueueSize());
    }
    Entry<I, O> entry = new Entry<>(accepted++, request, priority, queuePolicy, now, future);
    queue.add(entry);
    return entry;
  }

  private void forget(Entry<I, O> entry) {
    List<Launch<I, O>> launches = new ArrayList<>(1);
    synchronized (lock) {
      if (!queue.remove(entry)) {
        return; // already dispatched or dropped
      }
      completions.skip(entry.seq);
      passLocked(launches); // the wake-up may be stale, or a drain may now be complete
    }
    startAll(launches);
  }

  /** A wake-up's pass: the batches it sends are timed against the end of their delay. */
  private void pass() {
    List<Launch<I, O>> launches = new ArrayList<>();
    synchronized (lock) {
      passLocked(launches);
      for (Launch<I, O> launch : launches) {
        launch.delayEndsAt = Ticks.plus(launch.oldestEnqueuedAt(), policy.maxQueueDelayNanos());
      }
    }
    startAll(launches);
  }

  /** Drops what expired, fills every free instance the decision allows, plans the wake-up. */
  private void passLocked(List<Launch<I, O>> launches) { // holds lock
    long now = ticker.getAsLong();
    dropExpired(now);
    long decideAgainAt = dispatch(now, launches);
    scheduleWakeup(now, Ticks.earliest(decideAgainAt, queue.nextChangeAt()));
    signalIfDrained();
  }

  /** Hands the pass's batches to their instances, then runs the completions it released. */
  private void startAll(List<Launch<I, O>> launches) {
    launches.forEach(this::start);
    completions.runReady();
  }

  private void dropExpired(long now) { // holds lock
    for (PendingQueue.Dropped<I, O> dropped : queue.expire(now)) {
      Entry<I, O> entry = dropped.entry();
      completions.skip(entry.seq);
      switch (dropped.standing()) {
        case DEADLINE_PASSED -> fail(entry,
            new DeadlineExpiredException(name, now - entry.queued.enqueuedAtNanos()));
        case TIMED_OUT -> fail(entry, new QueueTimeoutException(name, entry.timeoutMicros));
        default -> { } // cancelled: the caller already completed it
      }
    }
  }

  /** Returns when to decide again if the head batch must wait, else {@link Ticks#NONE}. */
  private long dispatch(long now, List<Launch<I, O>> launches) { // holds lock
    BatchPolicy current = drained != null
        ? policy.withoutDelay() : policy.withDelayShortenedBy(lead.nanos());
    for (int instance = freeInstance(); instance >= 0; instance = freeInstance()) {
      List<Entry<I, O>> ordered = queue.ordered();
      BatchDecision decision = BatchDecider.decide(new Views<>(ordered), now, current);
      if (decision instanceof BatchDecision.Wait wait) {
        return Ticks.plus(now, wait.nanos());
      }
      if (!(decision instanceof BatchDecision.Dispatch dispatch)) {
        break;
      }
      List<Entry<I, O>> picked = new ArrayList<>(dispatch.indices().size());
      for (int index : dispatch.indices()) {
        picked.add(ordered.get(index));
      }
      launches.add(launch(instance, picked, now));
    }
    return Ticks.NONE;
  }

  private Launch<I, O> launch(int instance, List<Entry<I, O>> entries, long now) { // holds lock
    busy[instance] = true;
    List<Queued<I>> items = new ArrayList<>(entries.size());
    int rows = 0;
    for (Entry<I, O> entry : entries) {
      queue.remove(entry);
      items.add(entry.queued);
      rows += entry.queued.rows();
    }
    return new Launch<>(instance, new Batch<>(items, rows, now), entries);
  }

  private void start(Launch<I, O> launch) {
    try {
      instanceExecutor.execute(() -> {
        long started = ticker.getAsLong();
        launch.run(instances.get(launch.instance), name);
        finish(launch, started);
      });
    } catch (RejectedExecutionException e) {
      launch.fail(e);
      finish(launch, Ticks.NONE);
    }
  }

  private void finish(Launch<I, O> launch, long startedAt) {
    List<Launch<I, O>> launches = new ArrayList<>(1);
    synchronized (lock) {
      if (launch.delayEndsAt != Ticks.NONE && startedAt != Ticks.NONE) {
        lead.started(startedAt - launch.delayEndsAt);
      }
      busy[launch.instance] = false;
      launch.release(completions);
      passLocked(launches);
    }
    startAll(launches);
  }

  private int freeInstance() { // holds lock
    for (int i = 0; i < busy.length; i++) {
      if (!busy[i]) {
        return i;
      }
    }
    return -1;
  }

  private void fail(Entry<I, O> entry, RuntimeException failure) { // holds lock
    completions.now(() -> entry.future.completeExceptionally(failure));
  }

  /** Keeps one wake-up, at {@code at}; none for {@link Ticks#NONE}. */
  private void scheduleWakeup(long now, long at) { // holds lock
    if (wakeup != null && wakeupAt == at) {
      return;
    }
    if (wakeup != null) {
      wakeup.cancel(false);
      wakeup = null;
    }
    if (at != Ticks.NONE) {
      wakeupAt = at;
      wakeup = scheduler.schedule(this::pass, at - now, TimeUnit.NANOSECONDS);
    }
  }

  private void beginClosing() { // holds lock
    if (drained == null) {
      drained = new CompletableFuture<>();
    }
  }

  private void signalIfDrained() { // holds lock
    if (drained != null && !drained.isDone() && queue.size() == 0 && allFree()) {
      CompletableFuture<Void> done = drained;
      completions.now(() -> done.complete(null));
    }
  }

  private boolean allFree() { // holds lock
    for (boolean b : busy) {
      if (b) {
        return false;
      }
    }
    return true;
  }

  /** What the decision sees of the queue, each view made only when the decision reads it. */
  private static final class Views<I, O> extends AbstractList<QueueEntryView> {
    private final List<Entry<I, O>> entries;

    Views(List<Entry<I, O>> entries) {
      this.entries = entries;
    }

    @Override
    public QueueEntryView get(int index) {
      return entries.get(index).view();
    }

    @Override
    public int size() {
      return entries.size();
    }
  }
}
