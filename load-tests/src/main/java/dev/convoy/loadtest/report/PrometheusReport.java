package dev.convoy.loadtest.report;

import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ghz's {@code -O prometheus}: the summary as Prometheus text exposition, with ghz's metric
 * names ({@code ghz_run_count}, {@code _total}, {@code _average}, {@code _fastest},
 * {@code _slowest}, {@code _rps}, {@code ghz_run_histogram}, {@code ghz_run_latency},
 * {@code ghz_run_errors}) and labels (the run's name, end reason and options, {@code -} made
 * {@code _}, a const schedule's settings left out). Two things differ from ghz, to be valid
 * Prometheus: the histogram's buckets are cumulative, and the histogram and summary sums are
 * the sums of latencies (ghz writes the run's length).
 */
final class PrometheusReport implements ReportWriter {

  @Override
  public void write(RunReport report, Appendable out) throws IOException {
    LoadResult r = report.result();
    String labels = labels(report);
    gauge(out, "ghz_run_count", labels, r.count());
    gauge(out, "ghz_run_total", labels, r.totalNanos());
    gauge(out, "ghz_run_average", labels, r.averageNanos());
    gauge(out, "ghz_run_fastest", labels, r.fastestNanos());
    gauge(out, "ghz_run_slowest", labels, r.slowestNanos());
    gauge(out, "ghz_run_rps", labels, r.rps());
    long counted = r.latency().getTotalCount();
    double sum = r.latency().getMean() * counted;
    out.append("# TYPE ghz_run_histogram histogram\n");
    long cumulative = 0;
    List<LatencyBuckets.Bucket> buckets = counted == 0 ? List.of() : LatencyBuckets.of(r);
    for (LatencyBuckets.Bucket b : buckets) {
      cumulative += b.count();
      sample(out, "ghz_run_histogram_bucket", with(labels, "le", go(b.markNanos() / 1e9)),
          cumulative);
    }
    sample(out, "ghz_run_histogram_bucket", with(labels, "le", "+Inf"), counted);
    sample(out, "ghz_run_histogram_sum", labels, sum);
    sample(out, "ghz_run_histogram_count", labels, counted);
    out.append("# TYPE ghz_run_latency summary\n");
    if (counted > 0) {
      for (Percentiles.Point p : Percentiles.of(r.latency(), 10, 25, 50, 75, 90, 95, 99)) {
        sample(out, "ghz_run_latency", with(labels, "quantile", go(p.percentage() / 100)),
            p.latencyNanos());
      }
    }
    sample(out, "ghz_run_latency_sum", labels, sum);
    sample(out, "ghz_run_latency_count", labels, counted);
    gauge(out, "ghz_run_errors", labels, r.errorCount());
  }

  private static String labels(RunReport report) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("name", report.name());
    labels.put("end_reason", report.result().endReason().jsonName());
    for (Map.Entry<String, Object> e : report.options().entrySet()) {
      String key = e.getKey();
      boolean constSchedule = (key.startsWith("load-") && isConst(report, "load-schedule"))
          || (key.startsWith("concurrency-") && isConst(report, "concurrency-schedule"));
      if (key.equals("data") || key.equals("metadata") || constSchedule) {
        continue;
      }
      Object v = e.getValue();
      String text = v instanceof List<?> list
          ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(v);
      labels.put(key.replace('-', '_'), text);
    }
    StringBuilder s = new StringBuilder();
    labels.forEach((k, v) -> s.append(s.length() == 0 ? "" : ",").append(k).append("=\"")
        .append(escape(v)).append('"'));
    return s.toString();
  }

  private static boolean isConst(RunReport report, String key) {
    return "const".equals(String.valueOf(report.options().get(key)));
  }

  private static String with(String labels, String name, String value) {
    return labels + (labels.isEmpty() ? "" : ",") + name + "=\"" + value + "\"";
  }

  private static void gauge(Appendable out, String name, String labels, double value)
      throws IOException {
    out.append("# TYPE ").append(name).append(" gauge\n");
    sample(out, name, labels, value);
  }

  private static void sample(Appendable out, String name, String labels, double value)
      throws IOException {
    out.append(name).append('{').append(labels).append("} ").append(go(value)).append('\n');
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Go's shortest {@code %g}, as Prometheus' Go encoder writes numbers: 200, 1.5e+09. */
  static String go(double value) {
    if (value == 0) {
      return "0";
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    }
    BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    // Go's shortest form switches to an exponent below 1e-4 and from 1e+06 on.
    return exponent < -4 || exponent >= 6 ? scientific(d, exponent) : d.toPlainString();
  }

  private static String scientific(BigDecimal d, int exponent) {
    String digits = d.unscaledValue().abs().toString();
    String sign = d.signum() < 0 ? "-" : "";
    String mantissa = digits.length() == 1 ? digits
        : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }
}
