package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.format;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.convoy.loadtest.engine.CallDetail;
import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ghz's InfluxDB line protocol: {@code influx-summary} is one {@code ghz_run} line,
 * {@code influx-details} one {@code ghz_detail} line per call; the tags are ghz's (the run's
 * options), in its order and with its escaping, so its Grafana dashboards read them.
 */
final class InfluxReport implements ReportWriter {

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final boolean details;

  InfluxReport(boolean details) {
    this.details = details;
  }

  @Override
  public void write(RunReport report, Appendable out) throws IOException {
    LoadResult r = report.result();
    if (!details) {
      out.append("ghz_run,").append(tags(report, true)).append(' ').append(fields(r))
          .append(' ').append(Long.toString(epochNanos(report.date()))).append('\n');
      return;
    }
    String common = tags(report, false);
    for (CallDetail d : r.details()) {
      boolean failed = !d.error().isEmpty();
      out.append("ghz_detail,").append(common).append(",hasError=").append(failed ? "true"
          : "false").append(" latency=").append(Long.toString(d.latencyNanos()))
          .append(",error=\"").append(clean(d.error())).append("\",status=\"")
          .append(d.status()).append("\" ")
          .append(Long.toString(epochNanos(r.startedAt().plusNanos(d.sentOffsetNanos()))))
          .append('\n');
    }
  }

  private static String tags(RunReport report, boolean withErrors) {
    Map<String, Object> o = report.options();
    List<String> t = new ArrayList<>();
    if (!report.name().isBlank()) {
      t.add("name=\"" + clean(report.name().trim()) + "\"");
    }
    if (o.containsKey("proto")) {
      t.add("proto=\"" + o.get("proto") + "\"");
    } else if (o.containsKey("protoset")) {
      t.add("Protoset=\"" + o.get("protoset") + "\"");
    }
    t.add("call=\"" + text(o, "call") + "\"");
    t.add("host=\"" + text(o, "host") + "\"");
    t.add("n=" + number(o, "total"));
    schedule(t, o, "concurrency", "c=" + number(o, "concurrency"));
    schedule(t, o, "load", "rps=" + number(o, "rps"));
    t.add("z=" + number(o, "duration"));
    t.add("timeout=" + seconds(o, "timeout"));
    t.add("dial_timeout=" + seconds(o, "dial-timeout"));
    t.add("keepalive=" + seconds(o, "keepalive"));
    t.add("data=" + quotedJson(o.get("data")));
    t.add("metadata=" + quotedJson(o.get("metadata")));
    t.add("tags=" + quotedJson(report.tags().isEmpty() ? null : report.tags()));
    if (withErrors) {
      long errors = report.result().errorCount();
      t.add("errors=" + errors);
      t.add("has_errors=" + (errors > 0));
    }
    return String.join(",", t);
  }

  /** A const schedule's one value, or a step or line schedule's settings. */
  private static void schedule(List<String> t, Map<String, Object> o, String kind,
      String constant) {
    if ("const".equals(text(o, kind + "-schedule"))) {
      t.add(constant);
      return;
    }
    t.add(kind + "-schedule=" + text(o, kind + "-schedule"));
    t.add(kind + "-start=" + number(o, kind + "-start"));
    t.add(kind + "-end=" + number(o, kind + "-end"));
    t.add(kind + "-step=" + number(o, kind + "-step"));
    t.add(kind + "-step-duration=" + Durations.go(number(o, kind + "-step-duration")));
    t.add(kind + "-max-duration=" + Durations.go(number(o, kind + "-max-duration")));
  }

  private static String fields(LoadResult r) {
    List<String> f = new ArrayList<>();
    f.add("count=" + r.count());
    f.add("total=" + r.totalNanos());
    f.add("average=" + r.averageNanos());
    f.add("fastest=" + r.fastestNanos());
    f.add("slowest=" + r.slowestNanos());
    f.add("rps=" + format("%4.2f", r.rps()));
    if (r.latency().getTotalCount() > 0) {
      f.add("median=" + r.latency().getValueAtPercentile(50));
      f.add("p95=" + r.latency().getValueAtPercentile(95));
    }
    f.add("errors=" + r.errorCount());
    return String.join(",", f);
  }

  /** A value as JSON, quoted as a JSON string and escaped, as ghz does; {@code ""} for none. */
  private static String quotedJson(Object value) {
    if (value == null) {
      return "\"\"";
    }
    return clean(GSON.toJson(GSON.toJson(value)));
  }

  private static String clean(String text) {
    return text.replace(" ", "\\ ").replace(",", "\\,").replace("=", "\\=");
  }

  private static String text(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v == null ? "" : v.toString();
  }

  private static long number(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static String seconds(Map<String, Object> o, String key) {
    return Durations.goFloat(number(o, key) / 1e9);
  }

  private static long epochNanos(Instant t) {
    return Math.max(0, t.getEpochSecond() * 1_000_000_000L + t.getNano());
  }
}
