package dev.convoy.loadtest.report;

import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import dev.convoy.loadtest.engine.CallDetail;
import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * ghz's JSON report: its keys in its order ({@code date} first, as ghz's marshaller puts it),
 * its units (durations in nanoseconds, histogram marks in seconds, RFC 3339 times), its
 * distributions with sorted keys, and its {@code null}s: {@code latencyDistribution} and
 * {@code histogram} are null when no call counts in them (every call failed), and
 * {@code details} too when nothing was recorded. What ghz has no field for (Convoy's options,
 * 99.9th percentile, corrected latencies, warm-up) goes under {@code "convoy"}, which ghz
 * readers ignore. Streamed, so a report of millions of calls needs no tree in memory.
 */
final class JsonReport implements ReportWriter {

  private static final Gson GSON = new Gson();

  private final boolean pretty;

  JsonReport(boolean pretty) {
    this.pretty = pretty;
  }

  @Override
  public void write(RunReport report, Appendable out) throws IOException {
    LoadResult r = report.result();
    JsonWriter json = new JsonWriter(asWriter(out));
    json.setHtmlSafe(false);
    if (pretty) {
      json.setIndent("  ");
    }
    json.beginObject();
    json.name("date").value(report.date().truncatedTo(ChronoUnit.SECONDS).toString());
    if (!report.name().isEmpty()) {
      json.name("name").value(report.name());
    }
    json.name("endReason").value(r.endReason().jsonName());
    json.name("options");
    GSON.toJson(GSON.toJsonTree(report.options()), json);
    json.name("count").value(r.count());
    json.name("total").value(r.totalNanos());
    json.name("average").value(r.averageNanos());
    json.name("fastest").value(r.fastestNanos());
    json.name("slowest").value(r.slowestNanos());
    json.name("rps").value(r.rps());
    writeCounts(json, "errorDistribution", r.errorCounts());
    writeCounts(json, "statusCodeDistribution", r.statusCounts());
    boolean anyLatency = r.count() > 0 && r.latency().getTotalCount() > 0;
    json.name("latencyDistribution");
    if (anyLatency) {
      writeDistribution(json, Percentiles.of(r.latency(), toDoubles(Percentiles.GHZ)), true);
    } else {
      json.nullValue();
    }
    json.name("histogram");
    if (anyLatency) {
      writeHistogram(json, LatencyBuckets.of(r));
    } else {
      json.nullValue();
    }
    writeDetails(json, r);
    if (!report.tags().isEmpty()) {
      json.name("tags");
      GSON.toJson(GSON.toJsonTree(report.tags()), json);
    }
    writeExtension(json, report);
    json.endObject();
    json.flush();
    if (pretty) {
      out.append('\n');
    }
  }

  private static void writeExtension(JsonWriter json, RunReport report) throws IOException {
    LoadResult r = report.result();
    json.name("convoy").beginObject();
    json.name("options");
    GSON.toJson(GSON.toJsonTree(report.convoyOptions()), json);
    json.name("openLoop").value(r.options().openLoop());
    if (r.options().openLoop()) {
      json.name("targetRps").value(r.options().rps());
    }
    json.name("latencyDistribution");
    writeDistribution(json, Percentiles.all(r.latency()), false);
    if (r.options().openLoop()) {
      Histogram corrected = r.correctedLatency();
      json.name("correctedLatencyDistribution");
      writeDistribution(json, Percentiles.all(corrected), false);
      long average = corrected.getTotalCount() == 0 ? 0 : (long) corrected.getMean();
      json.name("correctedAverage").value(average);
      json.name("correctedSlowest").value(corrected.getMaxValue());
    }
    json.name("warmupCount").value(r.warmupCalls());
    json.name("skippedCount").value(r.skippedCalls());
    json.endObject();
  }

  private static void writeCounts(JsonWriter json, String name, Map<String, Long> counts)
      throws IOException {
    json.name(name).beginObject();
    for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
      json.name(e.getKey()).value(e.getValue());
    }
    json.endObject();
  }

  private static void writeDistribution(
      JsonWriter json, List<Percentiles.Point> points, boolean integerPercentages)
      throws IOException {
    json.beginArray();
    for (Percentiles.Point p : points) {
      json.beginObject().name("percentage");
      if (integerPercentages) {
        json.value((long) p.percentage());
      } else {
        json.value(p.percentage());
      }
      json.name("latency").value(p.latencyNanos()).endObject();
    }
    json.endArray();
  }

  private static void writeHistogram(JsonWriter json, List<LatencyBuckets.Bucket> buckets)
      throws IOException {
    json.beginArray();
    for (LatencyBuckets.Bucket b : buckets) {
      json.beginObject()
          .name("mark").value(b.markNanos() / 1e9)
          .name("count").value(b.count())
          .name("frequency").value(b.frequency())
          .endObject();
    }
    json.endArray();
  }

  private static void writeDetails(JsonWriter json, LoadResult r) throws IOException {
    json.name("details");
    if (r.details().isEmpty()) {
      json.nullValue();
      return;
    }
    json.beginArray();
    Instant start = r.startedAt();
    for (CallDetail d : r.details()) {
      json.beginObject()
          .name("timestamp").value(start.plusNanos(d.sentOffsetNanos()).toString())
          .name("latency").value(d.latencyNanos())
          .name("error").value(d.error())
          .name("status").value(d.status())
          .endObject();
    }
    json.endArray();
  }

  private static double[] toDoubles(int[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }

  private static Writer asWriter(Appendable out) {
    if (out instanceof Writer writer) {
      return writer;
    }
    return new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        out.append(new String(buffer, offset, length));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
