package dev.convoy.chaos;

import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Status codes counted by kind of request. Thread-safe. */
final class StatusTally {
  private final Map<String, Map<Status.Code, LongAdder>> counts = new ConcurrentHashMap<>();

  void count(String kind, Status.Code code) {
    counts.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(code, c -> new LongAdder())
        .increment();
  }

  long total() {
    return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
  }

  /** Calls answered UNKNOWN or INTERNAL: a client's mistake taken for a server fault. */
  long unknownOrInternal() {
    return counts.values().stream()
        .flatMap(m -> m.entrySet().stream())
        .filter(e -> e.getKey() == Status.Code.UNKNOWN || e.getKey() == Status.Code.INTERNAL)
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  long of(Status.Code code) {
    return counts.values().stream().mapToLong(m -> m.containsKey(code) ? m.get(code).sum() : 0).sum();
  }

  /** One line per kind: {@code kind: CODE=n CODE=n}. */
  String describe() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(counts).forEach((kind, codes) -> {
      out.append("    ").append(kind).append(':');
      new TreeMap<>(codes).forEach((code, n) -> out.append(' ').append(code).append('=').append(n.sum()));
      out.append('\n');
    });
    return out.toString();
  }
}
