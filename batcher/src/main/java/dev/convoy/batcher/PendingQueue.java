package dev.convoy.batcher;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The waiting requests of one batcher in Triton's order: by priority level, and within a
 * level first the requests inside their timeout, then those delayed by timeout_action DELAY,
 * each in arrival order. Not thread-safe: the batcher's lock guards it.
 */
final class PendingQueue<I, O> {
  /** A request that left the queue without running, and why. */
  record Dropped<I, O>(Entry<I, O> entry, Entry.Standing standing) {}

  private final List<Level<I, O>> levels = new ArrayList<>();
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
    size++;
  }

  /** Removes it if still queued; true if it was. */
  boolean remove(Entry<I, O> entry) {
    Level<I, O> level = level(entry.queued.priority());
    boolean removed = level.waiting.remove(entry) || level.delayed.remove(entry);
    if (removed) {
      size--;
    }
    return removed;
  }

  int size() {
    return size;
  }

  List<Entry<I, O>> ordered() {
    List<Entry<I, O>> ordered = new ArrayList<>(size);
    for (Level<I, O> level : levels) {
      ordered.addAll(level.waiting);
      ordered.addAll(level.delayed);
    }
    return ordered;
  }

  /**
   * Applies {@code now}: removes and returns cancelled requests, those past their deadline and
   * those past a REJECT timeout; moves those past a DELAY timeout behind their level.
   */
  List<Dropped<I, O>> expire(long now) {
    List<Dropped<I, O>> dropped = new ArrayList<>();
    for (Level<I, O> level : levels) {
      dropFrom(level.waiting, now, dropped, level.delayed);
      dropFrom(level.delayed, now, dropped, null);
    }
    size -= dropped.size();
    return dropped;
  }

  /** Empties the queue, returning what it held. */
  List<Entry<I, O>> clear() {
    List<Entry<I, O>> all = ordered();
    levels.forEach(Level::clear);
    size = 0;
    return all;
  }

  /** The next instant some request's standing changes by itself, or {@link Ticks#NONE}. */
  long nextChangeAt() {
    long next = Ticks.NONE;
    for (Level<I, O> level : levels) {
      for (Entry<I, O> entry : level.waiting) {
        next = Ticks.earliest(next, entry.nextChangeAt());
      }
      for (Entry<I, O> entry : level.delayed) {
        next = Ticks.earliest(next, entry.nextChangeAt());
      }
    }
    return next;
  }

  private void dropFrom(Set<Entry<I, O>> entries, long now, List<Dropped<I, O>> dropped,
      Set<Entry<I, O>> delayTo) {
    for (Iterator<Entry<I, O>> it = entries.iterator(); it.hasNext(); ) {
      Entry<I, O> entry = it.next();
      Entry.Standing standing = entry.standing(now);
      if (standing == Entry.Standing.WAITING) {
        continue;
      }
      it.remove();
      if (standing == Entry.Standing.TIMED_OUT && entry.delayOnTimeout()) {
        entry.markDelayed();
        delayTo.add(entry);
      } else {
        dropped.add(new Dropped<>(entry, standing));
      }
    }
  }

  private Level<I, O> level(int priority) {
    return levels.get(Math.max(priority, 1) - 1);
  }

  /** One priority level: insertion-ordered sets give FIFO order and O(1) removal. */
  private static final class Level<I, O> {
    final QueuePolicy policy;
    final Set<Entry<I, O>> waiting = new LinkedHashSet<>();
    final Set<Entry<I, O>> delayed = new LinkedHashSet<>();

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
}
