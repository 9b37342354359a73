package dev.convoy.batch;

import dev.convoy.batch.job.ProgressListener;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Shows how far a job is: on a terminal, a bar redrawn in place a few times a second (rows,
 * rows/s, ETA); otherwise a line every {@code interval}. Rates and ETA count this run's rows.
 */
final class Progress implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long BAR_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final PrintStream out;
  private final boolean bar;
  private final long everyNanos;
  private long lastShown = Long.MIN_VALUE;
  private boolean drawn;

  /** @param bar redraw a bar in place; otherwise print a line every {@code intervalNanos} */
  Progress(PrintStream out, boolean bar, long intervalNanos) {
    this.out = out;
    this.bar = bar;
    this.everyNanos = bar ? BAR_EVERY_NANOS : intervalNanos;
  }

  @Override
  public void update(long done, long doneThisRun, long total, long elapsedNanos) {
    if (lastShown != Long.MIN_VALUE && elapsedNanos - lastShown < everyNanos) {
      return;
    }
    lastShown = elapsedNanos;
    String line = describe(done, doneThisRun, total, elapsedNanos);
    if (bar) {
      out.print("\r" + line);
      drawn = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the bar's line, so the summary starts on its own. */
  void finish() {
    if (drawn) {
      out.println();
    }
  }

  static String describe(long done, long doneThisRun, long total, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? doneThisRun / seconds : 0;
    String eta = rate > 0 ? duration((long) ((total - done) / rate)) : "?";
    int percent = total > 0 ? (int) (100 * done / total) : 100;
    int filled = total > 0 ? (int) (WIDTH * done / total) : WIDTH;
    return String.format("[%s%s] %3d%%  %,d/%,d rows  %,.0f rows/s  ETA %s", "#".repeat(filled),
        ".".repeat(WIDTH - filled), percent, done, total, rate, eta);
  }

  static String duration(long seconds) {
    if (seconds >= 3600) {
      return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
  }
}
