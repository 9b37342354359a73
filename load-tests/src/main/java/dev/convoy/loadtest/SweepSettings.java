package dev.convoy.loadtest;

import dev.convoy.loadtest.sweep.Sweep;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A perf_analyzer sweep.
 *
 * @param rateMode whether the levels are request rates (else concurrencies)
 * @param window length of one measurement window
 * @param csvFile perf_analyzer's CSV, or null
 * @param htmlFile the HTML report, or null
 */
record SweepSettings(Sweep.Plan plan, boolean rateMode, Duration window, Path csvFile,
    Path htmlFile) {

  String levelName() {
    return rateMode ? "Request Rate" : "Concurrency";
  }
}
