package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.format;
import static dev.convoy.loadtest.report.Durations.nanoUnit;

import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * ghz's human summary. An open-loop run prints two latency distributions: uncorrected (from
 * the actual send) and corrected for coordinated omission (from the intended send time).
 */
final class SummaryReport implements ReportWriter {

  private static final int BAR_WIDTH = 40;
  private static final String BAR = "∎";

  /** Below this share of the target rate, say so: the corrected latencies are a backlog. */
  private static final double BEHIND_SCHEDULE = 0.9;

  @Override
  public void write(RunReport report, Appendable out) throws IOException {
    LoadResult r = report.result();
    out.append("\nSummary:\n");
    if (!report.name().isEmpty()) {
      out.append("  Name:\t\t").append(report.name()).append('\n');
    }
    out.append("  Count:\t").append(Long.toString(r.count())).append('\n');
    out.append("  Total:\t").append(nanoUnit(r.totalNanos())).append('\n');
    out.append("  Slowest:\t").append(nanoUnit(r.slowestNanos())).append('\n');
    out.append("  Fastest:\t").append(nanoUnit(r.fastestNanos())).append('\n');
    out.append("  Average:\t").append(nanoUnit(r.averageNanos())).append('\n');
    out.append("  Requests/sec:\t").append(format("%.2f", r.rps())).append('\n');
    if (r.options().openLoop()) {
      out.append("  Target rate:\t").append(format("%.2f", r.options().rps()))
          .append(" calls/s (open loop)\n");
      if (r.rps() < BEHIND_SCHEDULE * r.options().rps()) {
        out.append("  Warning:\tthe target rate was not reached; calls queued behind busy"
            + " workers (see the corrected latencies). Raise -c or lower --rps.\n");
      }
    }
    if (r.warmupCalls() > 0 || r.skippedCalls() > 0) {
      out.append("  Not counted:\t").append(Long.toString(r.warmupCalls())).append(" warm-up, ")
          .append(Long.toString(r.skippedCalls())).append(" skipped\n");
    }
    out.append("\nResponse time histogram:\n");
    writeHistogram(LatencyBuckets.of(r), out);
    if (r.options().openLoop()) {
      writeDistribution("uncorrected, from the actual send time", r.latency(), out);
      writeDistribution(
          "corrected for coordinated omission, from the intended send time",
          r.correctedLatency(), out);
    } else {
      writeDistribution("", r.latency(), out);
    }
    writeStatuses(r.statusCounts(), out);
    writeErrors(r.errorCounts(), out);
  }

  private static void writeHistogram(List<LatencyBuckets.Bucket> buckets, Appendable out)
      throws IOException {
    long max = buckets.stream().mapToLong(LatencyBuckets.Bucket::count).max().orElse(0);
    for (LatencyBuckets.Bucket b : buckets) {
      int bar = max == 0 ? 0 : (int) ((b.count() * BAR_WIDTH + max / 2) / max);
      out.append(format("  %.3f [%d]\t|%s\n", b.markNanos() / 1e6, b.count(), BAR.repeat(bar)));
    }
  }

  private static void writeDistribution(String label, Histogram histogram, Appendable out)
      throws IOException {
    out.append("\nLatency distribution").append(label.isEmpty() ? "" : " (" + label + ")")
        .append(":\n");
    for (Percentiles.Point p : Percentiles.all(histogram)) {
      out.append("  ").append(Percentiles.label(p.percentage())).append(" % in ")
          .append(nanoUnit(p.latencyNanos())).append('\n');
    }
  }

  private static void writeStatuses(Map<String, Long> statuses, Appendable out)
      throws IOException {
    if (statuses.isEmpty()) {
      return;
    }
    out.append("\nStatus code distribution:\n");
    List<Map.Entry<String, Long>> entries = byCountDescending(statuses);
    int width = entries.stream().mapToInt(e -> e.getKey().length()).max().orElse(0) + 2;
    for (Map.Entry<String, Long> e : entries) {
      String status = "[" + e.getKey() + "]";
      out.append("  ").append(status).append(" ".repeat(width - status.length() + 3))
          .append(Long.toString(e.getValue())).append(" responses\n");
    }
  }

  private static void writeErrors(Map<String, Long> errors, Appendable out) throws IOException {
    if (errors.isEmpty()) {
      return;
    }
    out.append("\nError distribution:\n");
    for (Map.Entry<String, Long> e : byCountDescending(errors)) {
      out.append("  [").append(Long.toString(e.getValue())).append("]   ").append(e.getKey())
          .append('\n');
    }
  }

  static List<Map.Entry<String, Long>> byCountDescending(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(
            Comparator.comparing(Map.Entry<String, Long>::getValue).reversed()
                .thenComparing(Map.Entry::getKey))
        .toList();
  }
}
