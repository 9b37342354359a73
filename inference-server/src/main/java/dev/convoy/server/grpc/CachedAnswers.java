package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.cache.CacheKey;
import dev.convoy.server.cache.ResponseCache;
import dev.convoy.server.repository.InferenceItem;
import dev.convoy.server.repository.ServedVersion;
import dev.convoy.server.stats.VersionStatistics;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The response cache as a request sees it: looked up once the request is decoded, and filled
 * with the answer on a miss. Only models with {@code response_cache { enable: true }} use it,
 * and warm-up requests never do. Hits and misses are timed into the version's statistics
 * (Triton's {@code cache_hit} and {@code cache_miss}).
 */
final class CachedAnswers {
  private final ResponseCache cache;
  private final LongSupplier nanoTime;

  /** What a lookup found; {@code key} is null where the cache is not used for the request. */
  record Lookup(CacheKey key, Optional<ModelInferResponse> hit, long lookupNanos) {
    static final Lookup UNCACHED = new Lookup(null, Optional.empty(), 0);
  }

  CachedAnswers(ResponseCache cache, LongSupplier nanoTime) {
    this.cache = cache;
    this.nanoTime = nanoTime;
  }

  Lookup lookup(ServedVersion served, InferenceItem item, ModelInferRequest request) {
    if (!cache.enabled() || item.warmup() || !served.spec().config().getResponseCache().getEnable()) {
      return Lookup.UNCACHED;
    }
    long start = nanoTime.getAsLong();
    CacheKey key = CacheKey.of(served.spec().name(), served.version(), served.cacheScope(), item.inputs(),
        request.getOutputsList());
    Optional<ModelInferResponse> hit = cache.get(key);
    return new Lookup(key, hit, nanoTime.getAsLong() - start);
  }

  /** The cached answer under this request's id and model name. */
  ModelInferResponse answer(ModelInferResponse cached, ModelInferRequest request) {
    return cached.toBuilder().setId(request.getId()).setModelName(request.getModelName()).build();
  }

  /** After a miss: keeps the answer (without its id) and counts the miss with its cost. */
  void store(Lookup lookup, ModelInferResponse answer, VersionStatistics statistics) {
    if (lookup.key() == null) {
      return;
    }
    long start = nanoTime.getAsLong();
    cache.put(lookup.key(), answer.toBuilder().clearId().build());
    statistics.recordCacheMiss(lookup.lookupNanos() + nanoTime.getAsLong() - start);
  }
}
