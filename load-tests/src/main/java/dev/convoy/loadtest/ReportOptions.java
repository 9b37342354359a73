package dev.convoy.loadtest;

import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;

/** The report's {@code options} object: ghz's option names first, then Convoy's own. */
final class ReportOptions {

  private ReportOptions() {}

  static Map<String, Object> of(RunSettings s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("host", s.channel().target());
    o.put("call", s.call());
    putIfSet(o, "cacert", s.channel().caCert());
    putIfSet(o, "cert", s.channel().cert());
    putIfSet(o, "key", s.channel().key());
    if (s.channel().skipTlsVerify()) {
      o.put("skipTLS", true);
    }
    if (s.load().skipFirst() > 0) {
      o.put("skipFirst", s.load().skipFirst());
    }
    putIfSet(o, "cname", s.channel().authority());
    o.put("insecure", s.channel().insecure());
    if (s.load().total() > 0) {
      o.put("total", s.load().total());
    }
    o.put("concurrency", s.load().concurrency());
    if (s.load().openLoop()) {
      o.put("rps", s.load().rps());
    }
    o.put("connections", s.channel().connections());
    if (!s.load().duration().isZero()) {
      o.put("duration", s.load().duration().toNanos());
    }
    if (!s.timeout().isZero()) {
      o.put("timeout", s.timeout().toNanos());
    }
    o.put("dial-timeout", s.channel().connectTimeout().toNanos());
    if (s.data() != null && !s.data().equals("@")) {
      o.put("data", jsonOrText(s.data()));
    }
    putIfSet(o, "data-file", s.dataFile());
    if (s.metadata() != null) {
      o.put("metadata", jsonOrText(s.metadata()));
    }
    putIfSet(o, "metadata-file", s.metadataFile());
    o.put("binary", false);
    o.put("CPUs", Runtime.getRuntime().availableProcessors());
    putIfSet(o, "name", s.name());
    if (!s.load().warmup().isZero()) {
      o.put("warmup", s.load().warmup().toNanos());
    }
    putIfSet(o, "model", s.model());
    if (s.model() != null && !s.hasData()) {
      putIfSet(o, "model-version", s.modelVersion().isEmpty() ? null : s.modelVersion());
      o.put("batch-size", s.batchSize());
      o.put("seed", s.seed());
      putIfSet(o, "rows", s.rows());
    }
    return o;
  }

  /** As ghz, the data as JSON; it was validated before the run, text is the fallback. */
  private static Object jsonOrText(String json) {
    try {
      return JsonParser.parseString(json);
    } catch (RuntimeException e) {
      return json;
    }
  }

  private static void putIfSet(Map<String, Object> o, String key, Object value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }
}
