package dev.convoy.monitor.store;

import java.util.Arrays;

/**
 * Where the samples of each request id are: {@link RequestHash} of the id to sample references
 * ({@link #ref}: batch id and position in the batch), several per hash when ids repeat across
 * model versions or collide. It lives in memory and is rebuilt from the database on open, so
 * storing a batch writes no per-sample index page (an H2 index on ids, which arrive in random
 * order, rewrote one page per sample and commit). About 32 bytes per stored sample.
 *
 * <p>Open addressing with linear probing over one array of (hash, reference) pairs, so a
 * lookup usually reads one cache line; never deleting in place: the retention deletes the
 * oldest batches, so references below {@link #forgetBefore} are dead; they are skipped and
 * dropped when the table grows or when they are half of it. Not thread-safe: the store's
 * writer thread owns it.
 */
final class RequestIndex {
  private static final int POSITION_BITS = 16;
  /** Batches hold fewer samples than this. */
  static final int MAX_POSITIONS = 1 << POSITION_BITS;
  private static final long EMPTY = -1;

  /** Slot {@code i} is {@code table[2i]} (the hash) and {@code table[2i + 1]} (the reference). */
  private long[] table = emptyTable(1024);
  private int entries;
  private int dead;
  private long firstLiveBatch;

  static long ref(long batchId, int position) {
    return batchId << POSITION_BITS | position;
  }

  static long batchOf(long ref) {
    return ref >>> POSITION_BITS;
  }

  static int positionOf(long ref) {
    return (int) (ref & (MAX_POSITIONS - 1));
  }

  void add(long hash, long ref) {
    if ((entries + 1) * 4L > slots() * 3L) {
      rebuild(dead * 2 > entries ? slots() : slots() * 2);
    }
    put(hash, ref);
    entries++;
  }

  /** The live references of {@code hash}, in the order they were added. */
  long[] find(long hash) {
    long[] found = new long[0];
    for (int slot = slot(hash); table[2 * slot + 1] != EMPTY; slot = next(slot)) {
      long ref = table[2 * slot + 1];
      if (table[2 * slot] == hash && batchOf(ref) >= firstLiveBatch) {
        found = Arrays.copyOf(found, found.length + 1);
        found[found.length - 1] = ref;
      }
    }
    return found;
  }

  /** Forgets the references of batches below {@code batchId}, {@code samples} of them. */
  void forgetBefore(long batchId, long samples) {
    firstLiveBatch = Math.max(firstLiveBatch, batchId);
    dead += (int) Math.min(samples, entries - dead);
    if (dead * 2 > entries) {
      rebuild(slots());
    }
  }

  int size() {
    return entries - dead;
  }

  private void rebuild(int capacity) {
    long[] old = table;
    int live = 0;
    for (int i = 1; i < old.length; i += 2) {
      live += old[i] != EMPTY && batchOf(old[i]) >= firstLiveBatch ? 1 : 0;
    }
    while (capacity > 1024 && live * 4L < capacity) {
      capacity /= 2;
    }
    table = emptyTable(capacity);
    for (int i = 1; i < old.length; i += 2) {
      if (old[i] != EMPTY && batchOf(old[i]) >= firstLiveBatch) {
        put(old[i - 1], old[i]);
      }
    }
    entries = live;
    dead = 0;
  }

  private void put(long hash, long ref) {
    int slot = slot(hash);
    while (table[2 * slot + 1] != EMPTY) {
      slot = next(slot);
    }
    table[2 * slot] = hash;
    table[2 * slot + 1] = ref;
  }

  private int slots() {
    return table.length / 2;
  }

  private int slot(long hash) {
    return (int) hash & (slots() - 1);
  }

  private int next(int slot) {
    return (slot + 1) & (slots() - 1);
  }

  private static long[] emptyTable(int slots) {
    long[] table = new long[2 * slots];
    Arrays.fill(table, EMPTY);
    return table;
  }
}
