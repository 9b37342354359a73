package dev.convoy.server.grpc;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs client errors without flooding: at most one line per status code and period, with the
 * latest description (already bounded) and how many like it went unlogged. No stack traces: a
 * client's mistake says nothing about the server. OK and the client's own cancellations and
 * deadlines are not logged at all. Thread-safe.
 */
final class ClientErrorLog {
  static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Logger log;
  private final LongSupplier nanoTime;
  private final Map<Status.Code, Long> lastLogged = new EnumMap<>(Status.Code.class); // guarded by this
  private final Map<Status.Code, Long> suppressed = new EnumMap<>(Status.Code.class); // guarded by this

  ClientErrorLog(Logger log, LongSupplier nanoTime) {
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /** Counts the status; logs it when its code has not been logged within the period. */
  void record(Status status) {
    Status.Code code = status.getCode();
    if (code == Status.Code.OK || code == Status.Code.CANCELLED || code == Status.Code.DEADLINE_EXCEEDED) {
      return;
    }
    long now = nanoTime.getAsLong();
    long unlogged;
    synchronized (this) {
      Long last = lastLogged.get(code);
      if (last != null && now - last < PERIOD_NANOS) {
        suppressed.merge(code, 1L, Long::sum);
        return;
      }
      lastLogged.put(code, now);
      Long count = suppressed.remove(code);
      unlogged = count == null ? 0 : count;
    }
    log.info("client error {}: {} ({} more {} in the last {} s)", code, status.getDescription(), unlogged, code,
        TimeUnit.NANOSECONDS.toSeconds(PERIOD_NANOS));
  }
}
