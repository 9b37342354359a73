package dev.convoy.loadtest.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs perf_analyzer's sweep over levels: at each, windows until {@link StabilityRule} holds
 * or {@code maxTrials} windows were measured; after a level whose p99 latency is above the
 * threshold, no higher level is run. Measuring is injected, so the rule and the stop are
 * tested with scripted windows.
 */
public final class Sweep {

  /** Measures one window at a level. */
  @FunctionalInterface
  public interface Measurer {
    Window measure(long level) throws InterruptedException;
  }

  /**
   * @param levels the concurrencies or rates, in order
   * @param stabilityPercentage perf_analyzer's {@code --stability-percentage}
   * @param maxTrials most windows per level
   * @param latencyThreshold p99 above which the sweep stops; zero for none
   */
  public record Plan(List<Long> levels, double stabilityPercentage, int maxTrials,
      Duration latencyThreshold) {
    public Plan {
      levels = List.copyOf(levels);
      Objects.requireNonNull(latencyThreshold, "latencyThreshold");
      if (levels.isEmpty() || maxTrials < StabilityRule.WINDOWS || !(stabilityPercentage > 0)) {
        throw new IllegalArgumentException("a sweep needs levels, at least "
            + StabilityRule.WINDOWS + " trials and a positive stability percentage");
      }
    }
  }

  /**
   * What the sweep found.
   *
   * @param crossedAt the first level whose p99 was above the threshold, or null
   */
  public record Result(List<SweepRow> rows, Long crossedAt) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  private final Measurer measurer;
  private final Supplier<ServerTimes> serverTimes;

  /** @param serverTimes the model's cumulative statistics, read before and after each level */
  public Sweep(Measurer measurer, Supplier<ServerTimes> serverTimes) {
    this.measurer = measurer;
    this.serverTimes = serverTimes;
  }

  public Result run(Plan plan) throws InterruptedException {
    List<SweepRow> rows = new ArrayList<>();
    for (long level : plan.levels()) {
      ServerTimes before = serverTimes.get();
      List<Window> windows = new ArrayList<>();
      boolean stable = false;
      while (!stable && windows.size() < plan.maxTrials()) {
        windows.add(measurer.measure(level));
        stable = StabilityRule.isStable(windows, plan.stabilityPercentage());
      }
      SweepRow row = SweepRow.of(level, stable, windows, serverTimes.get().minus(before));
      rows.add(row);
      if (!plan.latencyThreshold().isZero()
          && row.p99Nanos() > plan.latencyThreshold().toNanos()) {
        return new Result(rows, level);
      }
    }
    return new Result(rows, null);
  }

  /** perf_analyzer's {@code start:end:step} (end and step optional; step defaults to 1). */
  public static List<Long> range(String text, String flag) {
    String[] parts = text.trim().split(":");
    try {
      long start = Long.parseLong(parts[0]);
      long end = parts.length > 1 ? Long.parseLong(parts[1]) : start;
      long step = parts.length > 2 ? Long.parseLong(parts[2]) : 1;
      if (parts.length > 3 || start < 1 || end < start || step < 1) {
        throw new NumberFormatException();
      }
      List<Long> levels = new ArrayList<>();
      for (long v = start; v <= end; v += step) {
        levels.add(v);
      }
      return levels;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be start:end:step with 1 <= start <= end"
          + " and step >= 1, e.g. 1:16:2; got '" + text + "'");
    }
  }
}
