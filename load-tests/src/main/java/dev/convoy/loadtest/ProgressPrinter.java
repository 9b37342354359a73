package dev.convoy.loadtest;

import dev.convoy.loadtest.engine.LoadRun;
import dev.convoy.loadtest.engine.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run's progress on the error stream: a bar redrawn in place on a terminal, a plain
 * line every few seconds otherwise (a log or CI output should not fill with redraws).
 */
final class ProgressPrinter implements AutoCloseable {

  private static final long BAR_INTERVAL_MILLIS = 200;
  private static final long LINE_INTERVAL_MILLIS = 5_000;
  private static final int BAR_WIDTH = 30;

  private final LoadRun run;
  private final PrintWriter err;
  private final boolean interactive;
  private final ScheduledExecutorService timer;

  private ProgressPrinter(LoadRun run, PrintWriter err, boolean interactive) {
    this.run = run;
    this.err = err;
    this.interactive = interactive;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "convoy-load-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  static ProgressPrinter start(LoadRun run, PrintWriter err, boolean interactive) {
    ProgressPrinter printer = new ProgressPrinter(run, err, interactive);
    long interval = interactive ? BAR_INTERVAL_MILLIS : LINE_INTERVAL_MILLIS;
    printer.timer.scheduleAtFixedRate(printer::tick, interval, interval, TimeUnit.MILLISECONDS);
    return printer;
  }

  private void tick() {
    Progress p = run.progress();
    if (interactive) {
      err.print("\r" + bar(p));
    } else {
      err.println(line(p));
    }
    err.flush();
  }

  /** Stops the display; on a terminal, draws the final bar and ends its line. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (interactive) {
      err.println("\r" + bar(run.progress()));
      err.flush();
    }
  }

  /** {@code [=========>          ]  45%  90 calls, 2 errors, 3.2 s}. */
  static String bar(Progress p) {
    if (p.warmingUp()) {
      return "[" + " ".repeat(BAR_WIDTH) + "] warming up...";
    }
    int filled = (int) Math.round(p.fraction() * BAR_WIDTH);
    String head = filled == 0 ? "" : filled == BAR_WIDTH ? "=" : ">";
    String bar = "=".repeat(Math.max(0, filled - 1)) + head;
    return String.format(Locale.ROOT,
        "[%-" + BAR_WIDTH + "s] %3.0f%%  %d calls, %d errors, %.1f s",
        bar, p.fraction() * 100, p.completed(), p.failed(), p.elapsedNanos() / 1e9);
  }

  /** {@code 5.0 s: 1234 calls, 2 errors, 246.8 calls/s}. */
  static String line(Progress p) {
    if (p.warmingUp()) {
      return "warming up...";
    }
    double seconds = p.elapsedNanos() / 1e9;
    return String.format(Locale.ROOT, "%.1f s: %d calls, %d errors, %.1f calls/s",
        seconds, p.completed(), p.failed(), seconds > 0 ? p.completed() / seconds : 0);
  }
}
