package dev.convoy.loadtest;

import dev.convoy.loadtest.engine.DurationStop;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.Ramp;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** ghz's run flags: how many calls, for how long, at what rate, from how many workers. */
final class LoadFlags {

  static final long DEFAULT_TOTAL = 200;
  /** What ghz sets {@code -n} to when {@code -z} is given, and reports as {@code total}. */
  static final long GHZ_UNLIMITED_TOTAL = Integer.MAX_VALUE;

  @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "50",
      description = "Number of request workers to run concurrently for const concurrency"
          + " schedule (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = {"-n", "--total"}, paramLabel = "N", defaultValue = "200",
      description = "Number of requests to run (default: ${DEFAULT-VALUE}).")
  long total;

  @Option(names = {"-z", "--duration"}, converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "0", description = "Duration of application to send requests. If given,"
          + " -n is ignored. Examples: -z 10s -z 3m.")
  Duration duration;

  @Option(names = {"-x", "--max-duration"}, converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0", description = "Maximum duration of"
          + " application to send requests with -n respected. Examples: -x 10s -x 3m.")
  Duration maxDuration;

  @Option(names = "--duration-stop", paramLabel = "close|wait|ignore", defaultValue = "close",
      description = "How calls in flight at the end of the duration are reported: close"
          + " (ended, recorded as errors), wait (finish and are recorded), ignore (ended, not"
          + " recorded). Default: close.")
  String durationStop;

  @Option(names = {"-r", "--rps"}, paramLabel = "RPS", defaultValue = "0",
      description = "Requests per second (RPS) rate limit for constant load schedule."
          + " Default is no rate limit.")
  long rps;

  @Option(names = "--load-schedule", paramLabel = "const|step|line", defaultValue = "const",
      description = "Load schedule: const, step or line (default: const).")
  String loadSchedule;

  @Option(names = "--load-start", paramLabel = "RPS", defaultValue = "0",
      description = "RPS at the start of a step or line schedule.")
  long loadStart;

  @Option(names = "--load-step", paramLabel = "N", defaultValue = "0",
      description = "RPS step (step schedule) or slope per second (line schedule).")
  long loadStep;

  @Option(names = "--load-end", paramLabel = "RPS", defaultValue = "0",
      description = "RPS at which a step or line schedule stops changing.")
  long loadEnd;

  @Option(names = "--load-step-duration", converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0",
      description = "Length of each step of a step load schedule.")
  Duration loadStepDuration;

  @Option(names = "--load-max-duration", converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0",
      description = "Time after which a step or line load schedule stops changing.")
  Duration loadMaxDuration;

  @Option(names = "--concurrency-schedule", paramLabel = "const|step|line",
      defaultValue = "const", description = "Concurrency change schedule: const, step or"
          + " line (default: const).")
  String concurrencySchedule;

  @Option(names = "--concurrency-start", paramLabel = "N", defaultValue = "0",
      description = "Workers at the start of a step or line concurrency schedule.")
  long concurrencyStart;

  @Option(names = "--concurrency-end", paramLabel = "N", defaultValue = "0",
      description = "Workers at which a step or line concurrency schedule stops changing.")
  long concurrencyEnd;

  @Option(names = "--concurrency-step", paramLabel = "N", defaultValue = "1",
      description = "Worker step or slope per second (default: ${DEFAULT-VALUE}).")
  long concurrencyStep;

  @Option(names = "--concurrency-step-duration", converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0",
      description = "Length of each step of a step concurrency schedule.")
  Duration concurrencyStepDuration;

  @Option(names = "--concurrency-max-duration", converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0",
      description = "Time after which a step or line concurrency schedule stops changing.")
  Duration concurrencyMaxDuration;

  @Option(names = "--async", arity = "0..1", fallbackValue = "true",
      description = "Make requests asynchronous as soon as possible: do not wait for a"
          + " request to finish before sending the next one.")
  boolean async;

  @Option(names = "--skipFirst", paramLabel = "N", defaultValue = "0",
      description = "Skip the first N requests when doing the results tally.")
  long skipFirst;

  @Option(names = "--count-errors", arity = "0..1", fallbackValue = "true",
      description = "Count erroneous (non-OK) responses in the latency statistics.")
  boolean countErrors;

  /** ghz's run length: {@code -x} keeps {@code -n}; {@code -z} alone drops it. */
  Duration runDuration() {
    return !maxDuration.isZero() ? maxDuration : duration;
  }

  /** {@code -n} as ghz reports it: unlimited with {@code -z} (and no {@code -x}). */
  long reportedTotal() {
    return maxDuration.isZero() && !duration.isZero() ? GHZ_UNLIMITED_TOTAL : total;
  }

  /**
   * ghz's checks, then the options.
   *
   * @throws IllegalArgumentException in ghz's words where ghz has a check
   */
  LoadOptions options(Duration warmup, boolean recordDetails) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("-c/--concurrency must be at least 1");
    }
    if (rps < 0) {
      throw new IllegalArgumentException("--rps must not be negative");
    }
    boolean timed = !runDuration().isZero();
    long n = maxDuration.isZero() && timed ? 0 : total;
    if (n < 1 && !timed) {
      throw new IllegalArgumentException("-n/--total must be at least 1 (or give -z/--duration)");
    }
    if (skipFirst < 0 || (n > 0 && skipFirst > n)) {
      throw new IllegalArgumentException("you cannot skip more requests than those run");
    }
    Ramp rateRamp = ramp("load", loadSchedule, loadStart, loadStep, loadEnd, loadStepDuration,
        loadMaxDuration);
    if (rateRamp != null && loadStart < 1) {
      throw new IllegalArgumentException("--load-start must be at least 1 for a "
          + loadSchedule + " load schedule");
    }
    Ramp workerRamp = ramp("concurrency", concurrencySchedule, concurrencyStart,
        concurrencyStep, concurrencyEnd, concurrencyStepDuration, concurrencyMaxDuration);
    // ghz refuses c > n; n calls on n workers is what such a user wants.
    int workers = n > 0 && workerRamp == null ? (int) Math.min(concurrency, n) : concurrency;
    return new LoadOptions(workers, n, timed ? runDuration() : Duration.ZERO, rps, warmup,
        skipFirst, recordDetails, rateRamp, workerRamp, async, countErrors,
        DurationStop.parse(durationStop));
  }

  private static Ramp ramp(String what, String schedule, long start, long step, long end,
      Duration stepDuration, Duration maxDuration) {
    String name = schedule.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "const":
        return null;
      case "step":
      case "line":
        break;
      default:
        throw new IllegalArgumentException(
            "--" + what + "-schedule must be \"const\", \"step\", or \"line\"");
    }
    String label = what.equals("load") ? "load" : "concurrency";
    if (start == end) {
      throw new IllegalArgumentException(label + " start cannot equal " + label + " end");
    }
    if (step == 0) {
      throw new IllegalArgumentException("invalid " + label + " step");
    }
    if (name.equals("step") && stepDuration.isZero()) {
      throw new IllegalArgumentException("invalid " + label + " step duration");
    }
    if (start < 0 || end < 0) {
      throw new IllegalArgumentException("--" + what + "-start and --" + what
          + "-end must not be negative");
    }
    return name.equals("line")
        ? Ramp.line(start, step, end, maxDuration)
        : new Ramp(start, step, stepDuration, end, maxDuration);
  }
}
