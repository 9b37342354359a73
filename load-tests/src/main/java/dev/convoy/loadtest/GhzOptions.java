package dev.convoy.loadtest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.engine.DurationStop;
import dev.convoy.loadtest.grpc.ChannelSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The report's {@code options} object exactly as ghz writes it (runner.Options): its keys in
 * its order, durations in nanoseconds, and ghz's {@code omitempty} rule (a zero, false or
 * empty value is left out, except for the keys ghz always writes). Convoy's own settings go in
 * a separate map, reported under {@code convoy.options}.
 */
final class GhzOptions {

  /** Stands for {@code data} and {@code metadata} until the run has read them. */
  static final Object PENDING = new Object();

  private GhzOptions() {}

  static Map<String, Object> of(LoadTestCommand c, ChannelSettings channel, String call) {
    Map<String, Object> o = new LinkedHashMap<>();
    DataFlags d = c.data;
    LoadFlags l = c.load;
    ConnectionFlags n = c.connection;
    putIfSet(o, "call", call);
    putIfSet(o, "host", channel.target());
    putIfSet(o, "proto", d.proto);
    putIfSet(o, "protoset", d.protoset);
    if (!d.importPathList().isEmpty()) {
      o.put("import-paths", d.importPathList());
    }
    putIfTrue(o, "enable-compression", n.enableCompression);
    putIfSet(o, "cacert", n.caCert);
    putIfSet(o, "cert", n.cert);
    putIfSet(o, "key", n.key);
    putIfSet(o, "cname", n.cname);
    putIfTrue(o, "skipTLS", n.skipTls);
    o.put("insecure", n.insecure);
    putIfSet(o, "authority", n.authority);
    putIfNonZero(o, "rps", l.rps);
    String loadSchedule = l.loadSchedule.trim().toLowerCase(Locale.ROOT);
    o.put("load-schedule", loadSchedule);
    o.put("load-start", l.loadStart);
    o.put("load-end", l.loadEnd);
    o.put("load-step", l.loadStep);
    o.put("load-step-duration", lineStep(loadSchedule, l.loadStepDuration));
    o.put("load-max-duration", l.loadMaxDuration.toNanos());
    putIfNonZero(o, "concurrency", l.concurrency);
    String cSchedule = l.concurrencySchedule.trim().toLowerCase(Locale.ROOT);
    o.put("concurrency-schedule", cSchedule);
    o.put("concurrency-start", l.concurrencyStart);
    o.put("concurrency-end", l.concurrencyEnd);
    o.put("concurrency-step", l.concurrencyStep);
    o.put("concurrency-step-duration", lineStep(cSchedule, l.concurrencyStepDuration));
    o.put("concurrency-max-duration", l.concurrencyMaxDuration.toNanos());
    putIfNonZero(o, "total", l.reportedTotal());
    putIfTrue(o, "async", l.async);
    putIfNonZero(o, "connections", n.connections);
    putIfNonZero(o, "duration", l.runDuration().toNanos());
    putIfNonZero(o, "timeout", c.timeout.toNanos());
    putIfNonZero(o, "dial-timeout", n.connectTimeout.toNanos());
    putIfNonZero(o, "keepalive", n.keepalive.toNanos());
    o.put("data", PENDING);
    o.put("binary", d.binary || d.binaryFile != null);
    o.put("metadata", PENDING);
    o.put("CPUs", n.cpuCount());
    putIfSet(o, "name", c.output.name);
    putIfNonZero(o, "skipFirst", l.skipFirst);
    putIfTrue(o, "count-errors", l.countErrors);
    return o;
  }

  /** Convoy's settings, ghz's {@code duration-stop} among them (ghz does not report it). */
  static Map<String, Object> convoy(LoadTestCommand c, Engine engine) {
    Map<String, Object> o = new LinkedHashMap<>();
    ConvoyFlags f = c.convoy;
    o.put("engine", engine.name().toLowerCase(Locale.ROOT));
    o.put("duration-stop", DurationStop.parse(c.load.durationStop).jsonName());
    if (!f.warmup.isZero()) {
      o.put("warmup", f.warmup.toNanos());
    }
    putIfSet(o, "model", f.model);
    if (f.model != null && !c.data.hasData()) {
      putIfSet(o, "model-version", f.modelVersion.isEmpty() ? null : f.modelVersion);
      o.put("batch-size", f.batchSize);
      o.put("seed", f.seed);
      putIfSet(o, "rows", f.rows);
      if (!f.inputShapes.isEmpty()) {
        o.put("input-shape", f.inputShapes);
      }
    }
    if (f.streamWindow != 1) {
      o.put("stream-window", f.streamWindow);
    }
    return o;
  }

  /**
   * The options with the run's data and metadata in place of {@link #PENDING}: as JSON, as
   * ghz reports them, or left out when there are none (or the data is binary).
   */
  static Map<String, Object> resolved(Map<String, Object> options, String dataJson,
      String metadataJson) {
    Map<String, Object> o = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() != PENDING) {
        o.put(e.getKey(), e.getValue());
        continue;
      }
      JsonElement json = parse(e.getKey().equals("data") ? dataJson : metadataJson);
      if (json != null) {
        o.put(e.getKey(), json);
      }
    }
    return o;
  }

  private static JsonElement parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JsonParser.parseString(json);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** ghz runs a line schedule in one-second steps, and reports that step. */
  private static long lineStep(String schedule, Duration stepDuration) {
    return schedule.equals("line") ? Duration.ofSeconds(1).toNanos() : stepDuration.toNanos();
  }

  private static void putIfSet(Map<String, Object> o, String key, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      o.put(key, value.toString());
    }
  }

  private static void putIfTrue(Map<String, Object> o, String key, boolean value) {
    if (value) {
      o.put(key, true);
    }
  }

  private static void putIfNonZero(Map<String, Object> o, String key, long value) {
    if (value != 0) {
      o.put(key, value);
    }
  }
}
