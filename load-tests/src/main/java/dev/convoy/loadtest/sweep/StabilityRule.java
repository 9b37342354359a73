package dev.convoy.loadtest.sweep;

import java.util.List;

/**
 * perf_analyzer's stability rule: a level is measured once each of the last three windows has
 * a throughput and an average latency within {@code percentage} percent of the three's mean.
 */
public final class StabilityRule {

  /** Windows that must agree. */
  public static final int WINDOWS = 3;

  private StabilityRule() {}

  public static boolean isStable(List<Window> windows, double percentage) {
    if (windows.size() < WINDOWS) {
      return false;
    }
    List<Window> last = windows.subList(windows.size() - WINDOWS, windows.size());
    double meanThroughput = last.stream().mapToDouble(Window::throughput).average().orElse(0);
    double meanLatency = last.stream().mapToDouble(Window::averageNanos).average().orElse(0);
    if (meanThroughput <= 0 || meanLatency <= 0) {
      return false;
    }
    double bound = percentage / 100;
    for (Window w : last) {
      if (Math.abs(w.throughput() / meanThroughput - 1) > bound
          || Math.abs(w.averageNanos() / meanLatency - 1) > bound) {
        return false;
      }
    }
    return true;
  }
}
