package dev.convoy.server.cache;

import dev.convoy.proto.inference.ModelInferResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers kept by key, at most {@link #capacityBytes} of them (their serialised size plus a
 * fixed overhead per entry); inserting past the bound evicts the least recently used first.
 * An answer larger than the whole cache is not kept. Safe for concurrent use.
 */
public final class ResponseCache {
  /** What an entry costs beyond its answer: the key, its digest, the map's node. */
  static final int ENTRY_OVERHEAD_BYTES = 160;
  private static final ResponseCache DISABLED = new ResponseCache(0);

  private final long capacityBytes;
  private final LinkedHashMap<CacheKey, ModelInferResponse> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;

  /** @param capacityBytes the bound on what the entries take; 0 keeps nothing */
  public ResponseCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("cache size must be >= 0 bytes, got " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /** The server without a cache: nothing is kept, every model answers from its instances. */
  public static ResponseCache disabled() {
    return DISABLED;
  }

  public boolean enabled() {
    return capacityBytes > 0;
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public synchronized Optional<ModelInferResponse> get(CacheKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Keeps {@code answer} (without its request id) under {@code key}, evicting as needed. */
  public synchronized void put(CacheKey key, ModelInferResponse answer) {
    long size = sizeOf(answer);
    if (size > capacityBytes) {
      return;
    }
    ModelInferResponse previous = entries.put(key, answer);
    usedBytes += size - (previous == null ? 0 : sizeOf(previous));
    Iterator<Map.Entry<CacheKey, ModelInferResponse>> eldest = entries.entrySet().iterator();
    while (usedBytes > capacityBytes) {
      usedBytes -= sizeOf(eldest.next().getValue());
      eldest.remove();
    }
  }

  public synchronized long usedBytes() {
    return usedBytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  private static long sizeOf(ModelInferResponse answer) {
    return answer.getSerializedSize() + (long) ENTRY_OVERHEAD_BYTES;
  }
}
