package dev.convoy.telemetry.prometheus;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenTelemetry metric data to Prometheus snapshots, after OpenTelemetry's Prometheus
 * compatibility rules: names with characters outside {@code [a-zA-Z0-9_:]} turned into
 * {@code _}, the unit appended as a suffix ({@code s} -> {@code _seconds}, {@code By} ->
 * {@code _bytes}; annotations such as {@code {request}} dropped), monotonic sums as counters
 * (exposed with {@code _total}), other sums and gauges as gauges, explicit-bucket histograms as
 * classic histograms, attributes as labels, and the resource as {@code target_info}. Metrics of
 * other kinds (exponential histograms, summaries) and a name already taken by another
 * instrument are skipped: a scrape never fails on one bad metric.
 */
final class PrometheusSnapshots {
  private static final Logger log = LoggerFactory.getLogger(PrometheusSnapshots.class);
  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
      Map.entry("ns", "nanoseconds"), Map.entry("min", "minutes"), Map.entry("h", "hours"),
      Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"), Map.entry("%", "percent"), Map.entry("Hz", "hertz"));

  private PrometheusSnapshots() {}

  static MetricSnapshots convert(Collection<MetricData> metrics) {
    Map<String, MetricSnapshot> byName = new TreeMap<>();
    Resource resource = null;
    for (MetricData metric : metrics) {
      resource = resource == null ? metric.getResource() : resource;
      MetricSnapshot snapshot;
      try {
        snapshot = convert(metric);
      } catch (IllegalArgumentException e) {
        log.debug("metric {} not exposed: {}", metric.getName(), e.getMessage());
        continue;
      }
      if (snapshot != null && byName.putIfAbsent(snapshot.getMetadata().getPrometheusName(), snapshot) != null) {
        log.debug("metric {} not exposed: its Prometheus name is taken", metric.getName());
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>(byName.values());
    if (resource != null && !resource.getAttributes().isEmpty()) {
      snapshots.add(InfoSnapshot.builder().name("target").help("Target metadata")
          .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels(resource.getAttributes())).build())
          .build());
    }
    return new MetricSnapshots(snapshots);
  }

  /** The snapshot of one metric, or null for a kind Prometheus' text formats cannot show. */
  private static MetricSnapshot convert(MetricData metric) {
    Unit unit = unit(metric.getUnit());
    String help = metric.getDescription().isEmpty() ? null : metric.getDescription();
    String name = name(metric.getName(), unit, false);
    return switch (metric.getType()) {
      case LONG_SUM -> sum(metric.getLongSumData(), metric, unit, help);
      case DOUBLE_SUM -> sum(metric.getDoubleSumData(), metric, unit, help);
      case LONG_GAUGE -> gauge(metric.getLongGaugeData().getPoints(), name, unit, help);
      case DOUBLE_GAUGE -> gauge(metric.getDoubleGaugeData().getPoints(), name, unit, help);
      case HISTOGRAM -> histogram(metric.getHistogramData().getPoints(), name, unit, help);
      default -> null;
    };
  }

  private static MetricSnapshot sum(SumData<? extends PointData> data, MetricData metric, Unit unit, String help) {
    if (!data.isMonotonic()) {
      return gauge(data.getPoints(), name(metric.getName(), unit, false), unit, help);
    }
    CounterSnapshot.Builder counter = CounterSnapshot.builder()
        .name(name(metric.getName(), unit, true)).help(help).unit(unit);
    for (PointData point : data.getPoints()) {
      counter.dataPoint(CounterDataPointSnapshot.builder().value(value(point)).labels(labels(point.getAttributes()))
          .createdTimestampMillis(point.getStartEpochNanos() / 1_000_000).build());
    }
    return counter.build();
  }

  private static MetricSnapshot gauge(Collection<? extends PointData> points, String name, Unit unit, String help) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help).unit(unit);
    for (PointData point : points) {
      gauge.dataPoint(GaugeDataPointSnapshot.builder()
          .value(value(point)).labels(labels(point.getAttributes())).build());
    }
    return gauge.build();
  }

  private static MetricSnapshot histogram(Collection<HistogramPointData> points, String name, Unit unit, String help) {
    HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(name).help(help).unit(unit);
    for (HistogramPointData point : points) {
      List<Double> bounds = new ArrayList<>(point.getBoundaries());
      bounds.add(Double.POSITIVE_INFINITY);
      histogram.dataPoint(HistogramDataPointSnapshot.builder()
          .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, point.getCounts()))
          .sum(point.getSum())
          .labels(labels(point.getAttributes()))
          .createdTimestampMillis(point.getStartEpochNanos() / 1_000_000)
          .build());
    }
    return histogram.build();
  }

  private static double value(PointData point) {
    if (point instanceof LongPointData longPoint) {
      return longPoint.getValue();
    }
    return ((DoublePointData) point).getValue();
  }

  /** The Prometheus base name: sanitised, unit-suffixed, and for counters without {@code _total}. */
  static String name(String otelName, Unit unit, boolean counter) {
    String name = sanitize(otelName, true);
    if (counter && name.endsWith("_total")) {
      name = name.substring(0, name.length() - "_total".length());
    }
    if (unit != null && !name.endsWith("_" + unit)) {
      name = name + "_" + unit;
    }
    return name;
  }

  /** The Prometheus unit of an OpenTelemetry (UCUM) unit; null for none or an annotation. */
  static Unit unit(String otelUnit) {
    if (otelUnit == null || otelUnit.isEmpty() || otelUnit.equals("1") || otelUnit.startsWith("{")) {
      return null;
    }
    String mapped = UNITS.get(otelUnit);
    String unit = mapped != null ? mapped : sanitize(otelUnit.replace("/", "_per_"), false);
    return unit.isEmpty() || unit.equals("_") ? null : new Unit(unit);
  }

  /** Labels from attributes, names sanitised; values of names that collide are joined with ';'. */
  static Labels labels(Attributes attributes) {
    if (attributes.isEmpty()) {
      return Labels.EMPTY;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    attributes.forEach((AttributeKey<?> key, Object value) ->
        labels.merge(labelName(key.getKey()), String.valueOf(value), (a, b) -> a + ";" + b));
    return Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
  }

  private static String labelName(String key) {
    String name = sanitize(key, false);
    if (name.startsWith("__")) {
      name = "key" + name;
    }
    return Character.isDigit(name.charAt(0)) ? "key_" + name : name;
  }

  private static String sanitize(String raw, boolean allowColon) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || (allowColon && c == ':');
      char next = ok ? c : '_';
      if (next != '_' || out.length() == 0 || out.charAt(out.length() - 1) != '_') {
        out.append(next);
      }
    }
    if (out.length() == 0) {
      return "_";
    }
    if (Character.isDigit(out.charAt(0))) {
      out.insert(0, '_');
    }
    return out.toString();
  }
}
