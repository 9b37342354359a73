package dev.convoy.loadtest.sweep;

import java.util.List;

/**
 * One level's result: the mean of its last (stable) windows, and the server's times per
 * request over the level.
 *
 * @param level the concurrency or the request rate
 * @param stable whether three windows agreed before the trials ran out
 * @param windows every window measured at this level
 */
public record SweepRow(long level, boolean stable, double throughput, long averageNanos,
    long p50Nanos, long p90Nanos, long p95Nanos, long p99Nanos, ServerTimes server,
    List<Window> windows) {

  public SweepRow {
    windows = List.copyOf(windows);
  }

  static SweepRow of(long level, boolean stable, List<Window> windows, ServerTimes server) {
    List<Window> used = windows.subList(Math.max(0, windows.size() - StabilityRule.WINDOWS),
        windows.size());
    return new SweepRow(level, stable,
        used.stream().mapToDouble(Window::throughput).average().orElse(0),
        (long) used.stream().mapToLong(Window::averageNanos).average().orElse(0),
        (long) used.stream().mapToLong(Window::p50Nanos).average().orElse(0),
        (long) used.stream().mapToLong(Window::p90Nanos).average().orElse(0),
        (long) used.stream().mapToLong(Window::p95Nanos).average().orElse(0),
        (long) used.stream().mapToLong(Window::p99Nanos).average().orElse(0),
        server, windows);
  }

  long queueNanos() {
    return server.perRequest(server.queueNanos());
  }

  long computeInputNanos() {
    return server.perRequest(server.inputNanos());
  }

  long computeInferNanos() {
    return server.perRequest(server.inferNanos());
  }

  long computeOutputNanos() {
    return server.perRequest(server.outputNanos());
  }

  /** What the client waited beyond the server's queue and compute: network and gRPC. */
  long networkAndServerNanos() {
    long server = queueNanos() + computeInputNanos() + computeInferNanos()
        + computeOutputNanos();
    return Math.max(0, averageNanos - server);
  }
}
