package dev.convoy.loadtest;

import dev.convoy.loadtest.sweep.Sweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** perf_analyzer's sweep flags, under perf_analyzer's names (a Convoy extension to ghz). */
final class SweepFlags {

  @Option(names = "--concurrency-range", paramLabel = "START:END:STEP",
      description = "[perf_analyzer] Sweep these concurrency levels, each measured until"
          + " stable.")
  String concurrencyRange;

  @Option(names = "--request-rate-range", paramLabel = "START:END:STEP",
      description = "[perf_analyzer] Sweep these request rates (per second), -c calls in"
          + " flight at most.")
  String requestRateRange;

  @Option(names = "--measurement-interval", paramLabel = "MS", defaultValue = "5000",
      description = "[perf_analyzer] Length of a measurement window in milliseconds"
          + " (default: ${DEFAULT-VALUE}).")
  long measurementIntervalMs;

  @Option(names = "--stability-percentage", paramLabel = "PCT", defaultValue = "10",
      description = "[perf_analyzer] Three windows in a row must agree within this percentage"
          + " (default: ${DEFAULT-VALUE}).")
  double stabilityPercentage;

  @Option(names = "--max-trials", paramLabel = "N", defaultValue = "10",
      description = "[perf_analyzer] Most windows per level (default: ${DEFAULT-VALUE}).")
  int maxTrials;

  @Option(names = "--latency-threshold", paramLabel = "MS", defaultValue = "0",
      description = "[perf_analyzer] Stop the sweep after the first level whose p99 latency is"
          + " above this many milliseconds; 0 for no limit.")
  long latencyThresholdMs;

  @Option(names = "-f", paramLabel = "FILE",
      description = "[perf_analyzer] Write the sweep as perf_analyzer's CSV to this file.")
  Path csvFile;

  @Option(names = "--sweep-html", paramLabel = "FILE",
      description = "[Convoy] Write the sweep's HTML report (plots) to this file.")
  Path htmlFile;

  /** The sweep asked for, or null for a ghz run. */
  SweepSettings settings() {
    if (concurrencyRange == null && requestRateRange == null) {
      return null;
    }
    if (concurrencyRange != null && requestRateRange != null) {
      throw new IllegalArgumentException(
          "give --concurrency-range or --request-rate-range, not both");
    }
    if (measurementIntervalMs < 1 || maxTrials < 3 || !(stabilityPercentage > 0)
        || latencyThresholdMs < 0) {
      throw new IllegalArgumentException("--measurement-interval must be at least 1,"
          + " --max-trials at least 3, --stability-percentage above 0, --latency-threshold"
          + " not negative");
    }
    boolean rate = requestRateRange != null;
    List<Long> levels = rate ? Sweep.range(requestRateRange, "--request-rate-range")
        : Sweep.range(concurrencyRange, "--concurrency-range");
    return new SweepSettings(new Sweep.Plan(levels, stabilityPercentage, maxTrials,
        Duration.ofMillis(latencyThresholdMs)), rate, Duration.ofMillis(measurementIntervalMs),
        csvFile, htmlFile);
  }
}
