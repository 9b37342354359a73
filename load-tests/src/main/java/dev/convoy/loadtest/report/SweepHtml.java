package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.format;

import dev.convoy.loadtest.sweep.Sweep;
import dev.convoy.loadtest.sweep.SweepRow;
import dev.convoy.loadtest.sweep.Window;
import java.io.IOException;

/**
 * The sweep's HTML report, self-contained like the run report (inline SVG, its style):
 * throughput against p99 and average latency, one point per level, and every window's p99 and
 * average latency over time, then the rows' table.
 */
public final class SweepHtml {

  private SweepHtml() {}

  /** @param levelName {@code Concurrency} or {@code Request Rate} */
  public static void write(Sweep.Result result, String title, String levelName, Appendable out)
      throws IOException {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>").append(HtmlReport.STYLE)
        .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
    if (result.crossedAt() != null) {
      out.append("<p>p99 latency crosses the threshold at ").append(Html.escape(levelName))
          .append(' ').append(Long.toString(result.crossedAt())).append(".</p>\n");
    }
    out.append("<h2>Throughput vs latency</h2>\n").append(throughputVsLatency(result));
    out.append("<h2>Latency over time</h2>\n").append(latencyOverTime(result));
    out.append("<h2>Levels</h2>\n<table>\n<tr><th>").append(Html.escape(levelName))
        .append("</th><th>infer/s</th><th>avg</th><th>p50</th><th>p99</th><th>windows</th>"
            + "<th>stable</th></tr>\n");
    for (SweepRow r : result.rows()) {
      out.append(format("<tr><td>%d</td><td>%.1f</td><td>%s</td><td>%s</td><td>%s</td>"
              + "<td>%d</td><td>%s</td></tr>\n", r.level(), r.throughput(),
          Durations.nanoUnit(r.averageNanos()), Durations.nanoUnit(r.p50Nanos()),
          Durations.nanoUnit(r.p99Nanos()), r.windows().size(), r.stable() ? "yes" : "no"));
    }
    out.append("</table>\n</body>\n</html>\n");
  }

  private static String throughputVsLatency(Sweep.Result result) {
    StringBuilder svg = new StringBuilder();
    Svg.open(svg, "Throughput vs latency");
    double xMax = Svg.niceMax(result.rows().stream().mapToDouble(SweepRow::throughput)
        .max().orElse(1), 8);
    double yMax = Svg.niceMax(result.rows().stream().mapToLong(SweepRow::p99Nanos).max()
        .orElse(1) / 1e6, 5);
    Svg.axes(svg, xMax, yMax, "inferences/s", "latency (ms)", true);
    for (SweepRow r : result.rows()) {
      double x = Svg.xPixel(r.throughput(), xMax);
      point(svg, x, Svg.yPixel(r.p99Nanos() / 1e6, yMax), "failed");
      point(svg, x, Svg.yPixel(r.averageNanos() / 1e6, yMax), "ok");
    }
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private static String latencyOverTime(Sweep.Result result) {
    StringBuilder svg = new StringBuilder();
    Svg.open(svg, "Latency over time");
    double xMaxRaw = 0;
    double yMaxRaw = 0;
    for (SweepRow r : result.rows()) {
      for (Window w : r.windows()) {
        xMaxRaw = Math.max(xMaxRaw, w.endNanos() / 1e9);
        yMaxRaw = Math.max(yMaxRaw, w.p99Nanos() / 1e6);
      }
    }
    double xMax = Svg.niceMax(xMaxRaw, 8);
    double yMax = Svg.niceMax(yMaxRaw, 5);
    Svg.axes(svg, xMax, yMax, "time since start (s)", "latency (ms)", true);
    for (SweepRow r : result.rows()) {
      for (Window w : r.windows()) {
        double x = Svg.xPixel(w.endNanos() / 1e9, xMax);
        point(svg, x, Svg.yPixel(w.p99Nanos() / 1e6, yMax), "failed");
        point(svg, x, Svg.yPixel(w.averageNanos() / 1e6, yMax), "ok");
      }
    }
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private static void point(StringBuilder svg, double x, double y, String cssClass) {
    svg.append(format("<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>\n", cssClass, x,
        y));
  }

  private static void legend(StringBuilder svg) {
    int x = Svg.LEFT + 10;
    int y = Svg.TOP + 4;
    svg.append(format("<circle class=\"ok\" cx=\"%d\" cy=\"%d\" r=\"4\"/><text class=\"tick\""
        + " x=\"%d\" y=\"%d\">average</text>\n", x, y, x + 8, y + 4));
    svg.append(format("<circle class=\"failed\" cx=\"%d\" cy=\"%d\" r=\"4\"/><text"
        + " class=\"tick\" x=\"%d\" y=\"%d\">p99</text>\n", x + 110, y, x + 118, y + 4));
  }
}
