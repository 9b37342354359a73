package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.format;

import dev.convoy.loadtest.engine.CallDetail;
import java.util.List;

/** The HTML report's two charts, as inline SVG. */
final class Charts {

  /** More points than this make a heavy page and an unreadable cloud; sample evenly. */
  static final int MAX_POINTS = 5_000;

  private Charts() {}

  /** ghz's response-time histogram as vertical bars, one per mark. */
  static String histogram(List<LatencyBuckets.Bucket> buckets, long total) {
    StringBuilder svg = new StringBuilder();
    Svg.open(svg, "Response time histogram");
    long max = buckets.stream().mapToLong(LatencyBuckets.Bucket::count).max().orElse(0);
    double yMax = Svg.niceMax(max, 5);
    Svg.axes(svg, buckets.size(), yMax, "latency (ms), upper edge of each bucket", "calls", false);
    double slot = (double) Svg.PLOT_WIDTH / Math.max(1, buckets.size());
    for (int i = 0; i < buckets.size(); i++) {
      LatencyBuckets.Bucket b = buckets.get(i);
      double x = Svg.LEFT + i * slot + slot * 0.1;
      double y = Svg.yPixel(b.count(), yMax);
      double height = Svg.TOP + Svg.PLOT_HEIGHT - y;
      String mark = format("%.3f", b.markNanos() / 1e6);
      svg.append(format(
          "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
              + "<title>&#8804; %s ms: %d calls (%.1f %%)</title></rect>\n",
          x, y, slot * 0.8, height, mark, b.count(), total == 0 ? 0 : 100.0 * b.count() / total));
      svg.append(format(
          "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
          x + slot * 0.4, Svg.TOP + Svg.PLOT_HEIGHT + 16, mark));
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Latency of each call against its send time; failures in red. With {@code corrected}, the
   * coordinated-omission corrected latency of each call is drawn too.
   */
  static String latencyOverTime(List<CallDetail> details, boolean corrected) {
    StringBuilder svg = new StringBuilder();
    Svg.open(svg, "Latency over time");
    int stride = Math.max(1, (details.size() + MAX_POINTS - 1) / MAX_POINTS);
    double xMaxRaw = 0;
    double yMaxRaw = 0;
    for (CallDetail d : details) {
      xMaxRaw = Math.max(xMaxRaw, d.sentOffsetNanos() / 1e9);
      long latency = corrected ? d.correctedLatencyNanos() : d.latencyNanos();
      yMaxRaw = Math.max(yMaxRaw, latency / 1e6);
    }
    double xMax = Svg.niceMax(xMaxRaw, 8);
    double yMax = Svg.niceMax(yMaxRaw, 5);
    Svg.axes(svg, xMax, yMax, "time since start (s)", "latency (ms)", true);
    for (int i = 0; i < details.size(); i += stride) {
      CallDetail d = details.get(i);
      double x = Svg.xPixel(d.sentOffsetNanos() / 1e9, xMax);
      if (corrected) {
        point(svg, x, Svg.yPixel(d.correctedLatencyNanos() / 1e6, yMax), "corrected");
      }
      point(svg, x, Svg.yPixel(d.latencyNanos() / 1e6, yMax), d.isOk() ? "ok" : "failed");
    }
    legend(svg, corrected);
    if (stride > 1) {
      svg.append(format(
          "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">"
              + "one call in %d shown</text>\n",
          Svg.LEFT + Svg.PLOT_WIDTH, Svg.TOP - 6, stride));
    }
    return svg.append("</svg>\n").toString();
  }

  private static void point(StringBuilder svg, double x, double y, String cssClass) {
    svg.append(format(
        "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\"/>\n", cssClass, x, y));
  }

  private static void legend(StringBuilder svg, boolean corrected) {
    int x = Svg.LEFT + 10;
    int y = Svg.TOP + 4;
    String[][] entries = corrected
        ? new String[][] {{"ok", "uncorrected"}, {"corrected", "corrected"}, {"failed", "failed"}}
        : new String[][] {{"ok", "succeeded"}, {"failed", "failed"}};
    for (String[] entry : entries) {
      svg.append(format("<circle class=\"%s\" cx=\"%d\" cy=\"%d\" r=\"4\"/>", entry[0], x, y));
      svg.append(format(
          "<text class=\"tick\" x=\"%d\" y=\"%d\">%s</text>\n", x + 8, y + 4, entry[1]));
      x += 110;
    }
  }
}
