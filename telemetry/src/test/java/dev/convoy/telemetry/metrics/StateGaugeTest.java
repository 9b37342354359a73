package dev.convoy.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class StateGaugeTest {
  enum Health { HEALTHY, EJECTED, DRAINING }

  @Test
  void register_eachThing_hasOneForItsStateAndZeroForTheOthers() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    Map<String, Health> states = new ConcurrentHashMap<>(Map.of("a:8001", Health.HEALTHY, "b:8001", Health.EJECTED));
    try (SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
        StateGauge<Health> gauge = StateGauge.register(meters.get("test"), "convoy.router.backend.state",
            "Each backend's state", "backend", Health.class, () -> states)) {
      assertThat(points(reader)).containsOnly(
          Map.entry("a:8001/HEALTHY", 1L), Map.entry("a:8001/EJECTED", 0L), Map.entry("a:8001/DRAINING", 0L),
          Map.entry("b:8001/HEALTHY", 0L), Map.entry("b:8001/EJECTED", 1L), Map.entry("b:8001/DRAINING", 0L));

      states.put("a:8001", Health.DRAINING);
      assertThat(points(reader)).contains(Map.entry("a:8001/DRAINING", 1L), Map.entry("a:8001/HEALTHY", 0L));
    }
  }

  private static Map<String, Long> points(InMemoryMetricReader reader) {
    Map<String, Long> points = new java.util.HashMap<>();
    for (MetricData metric : reader.collectAllMetrics()) {
      for (LongPointData point : metric.getLongGaugeData().getPoints()) {
        points.put(point.getAttributes().get(AttributeKey.stringKey("backend")) + "/"
            + point.getAttributes().get(AttributeKey.stringKey("state")), point.getValue());
      }
    }
    return points;
  }
}
