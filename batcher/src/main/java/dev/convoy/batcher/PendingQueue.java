package dev.convoy.batcher;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The waiting requests of one batcher in Triton's order: by priority level, and within a
 * level first the requests inside their timeout, then those delayed by timeout_action DELAY,
 * each in arrival order. Not thread-safe: the batcher's lock guards it.
 *
 * <p>Every operation a dispatch pass makes costs what it touches, not the queue's length:
 * entries that can expire are also kept ordered by when they do, and {@link #ordered} is read
 * lazily, so a pass that takes the head of a long queue looks at the head alone.
 */
final class PendingQueue<I, O> {
  /** A request that left the queue without running, and why. */
  record Dropped<I, O>(Entry<I, O> entry, Entry.Standing standing) {}

  /** Soonest change first; ties (and equal instants) by acceptance order. */
  private static final Comparator<Entry<?, ?>> BY_NEXT_CHANGE = (a, b) -> {
    long diff = a.nextChangeAt() - b.nextChangeAt();
    return diff != 0 ? Long.signum(diff) : Long.compare(a.seq, b.seq);
  };

  private final List<Level<I, O>> levels = new ArrayList<>();
  /** The entries whose standing changes by itself at some instant. */
  private final NavigableSet<Entry<I, O>> expiring = new TreeSet<>(BY_NEXT_CHANGE);
  private int size;

  PendingQueue(BatcherConfig config) {
    if (config.priorityLevels() == 0) {
      levels.add(new Level<>(config.queuePolicy(0)));
    }
    for (int level = 1; level <= config.priorityLevels(); level++) {
      levels.add(new Level<>(config.queuePolicy(level)));
    }
  }

  /** Whether level {@code priority} (0 when priorities are off) holds max_queue_size. */
  boolean isFull(int priority) {
    Level<I, O> level = level(priority);
    int max = level.policy.maxQueueSize();
    return max != 0 && level.size() >= max;
  }

  void add(Entry<I, O> entry) {
    level(entry.queued.priority()).waiting.add(entry);
    track(entry);
    size++;
  }

  /** Removes it if still queued; true if it was. */
  boolean remove(Entry<I, O> entry) {
    Level<I, O> level = level(entry.queued.priority());
    boolean removed = level.waiting.remove(entry) || level.delayed.remove(entry);
    if (removed) {
      expiring.remove(entry);
      size--;
    }
    return removed;
  }

  int size() {
    return size;
  }

  /** The queue in order, read lazily: valid until the queue next changes. */
  List<Entry<I, O>> ordered() {
    return new OrderedView();
  }

  /**
   * Applies {@code now}: removes and returns those past their deadline and those past a REJECT
   * timeout; moves those past a DELAY timeout behind their level. Cancelled requests are left
   * for {@link #remove}, which the batcher calls as soon as their future completes.
   */
  List<Dropped<I, O>> expire(long now) {
    List<Dropped<I, O>> dropped = new ArrayList<>();
    while (!expiring.isEmpty() && Ticks.reached(now, expiring.first().nextChangeAt())) {
      Entry<I, O> entry = expiring.pollFirst();
      Level<I, O> level = level(entry.queued.priority());
      Entry.Standing standing = entry.standing(now);
      if (standing == Entry.Standing.TIMED_OUT && entry.delayOnTimeout()) {
        level.waiting.remove(entry);
        entry.markDelayed();
        level.delayed.add(entry);
        track(entry);
      } else {
        level.waiting.remove(entry);
        level.delayed.remove(entry);
        size--;
        dropped.add(new Dropped<>(entry, standing));
      }
    }
    return dropped;
  }

  /** Empties the queue, returning what it held. */
  List<Entry<I, O>> clear() {
    List<Entry<I, O>> all = new ArrayList<>(ordered());
    levels.forEach(Level::clear);
    expiring.clear();
    size = 0;
    return all;
  }

  /** The next instant some request's standing changes by itself, or {@link Ticks#NONE}. */
  long nextChangeAt() {
    return expiring.isEmpty() ? Ticks.NONE : expiring.first().nextChangeAt();
  }

  private void track(Entry<I, O> entry) {
    if (entry.nextChangeAt() != Ticks.NONE) {
      expiring.add(entry);
    }
  }

  private Level<I, O> level(int priority) {
    return levels.get(Math.max(priority, 1) - 1);
  }

  /**
   * One priority level: an insertion-ordered set gives FIFO order and O(1) removal; the delayed
   * keep arrival order too, though their timeouts may pass in another.
   */
  private static final class Level<I, O> {
    final QueuePolicy policy;
    final Set<Entry<I, O>> waiting = new LinkedHashSet<>();
    final Set<Entry<I, O>> delayed = new TreeSet<>(Comparator.comparingLong((Entry<I, O> e) -> e.seq));

    Level(QueuePolicy policy) {
      this.policy = policy;
    }

    int size() {
      return waiting.size() + delayed.size();
    }

    void clear() {
      waiting.clear();
      delayed.clear();
    }
  }

  /** The levels' entries in order, each fetched the first time it is asked for. */
  private final class OrderedView extends AbstractList<Entry<I, O>> {
    private final List<Entry<I, O>> fetched = new ArrayList<>();
    private final int size = PendingQueue.this.size;
    private int nextSet; // index into the levels' sets: waiting, delayed, next level's waiting...
    private Iterator<Entry<I, O>> current = Collections.emptyIterator();

    @Override
    public Entry<I, O> get(int index) {
      while (fetched.size() <= index && advance()) {
        fetched.add(current.next());
      }
      return fetched.get(index);
    }

    private boolean advance() {
      while (!current.hasNext() && nextSet < 2 * levels.size()) {
        Level<I, O> level = levels.get(nextSet / 2);
        current = (nextSet % 2 == 0 ? level.waiting : level.delayed).iterator();
        nextSet++;
      }
      return current.hasNext();
    }

    @Override
    public int size() {
      return size;
    }
  }
}
