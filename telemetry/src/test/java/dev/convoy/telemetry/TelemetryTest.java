package dev.convoy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.telemetry.testing.PrometheusText;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  /** Every key Convoy defaults, set explicitly, so the machine's environment cannot interfere. */
  private static final Map<String, String> QUIET = Map.of(
      "otel.traces.exporter", "none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none");

  @Test
  void configure_sdkDisabled_isTheNoopAndServesNoMetrics() {
    TelemetrySettings settings = TelemetrySettings.forService("convoy-test").withMetrics("127.0.0.1", 0)
        .withProperties(Map.of("otel.sdk.disabled", "true"));
    try (Telemetry telemetry = Telemetry.configure(settings)) {
      assertThat(telemetry.openTelemetry()).isSameAs(OpenTelemetry.noop());
      assertThat(telemetry.tracing()).isFalse();
      assertThat(telemetry.metricsPort()).isEmpty();
    }
  }

  @Test
  void configure_noTraceExporter_recordsNoSpansButPassesTraceContextOn() {
    try (Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-test").withProperties(QUIET))) {
      assertThat(telemetry.tracing()).isFalse();
      Span span = telemetry.openTelemetry().getTracer("test").spanBuilder("work").startSpan();
      assertThat(span.isRecording()).isFalse();

      SpanContext upstream = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
          TraceFlags.getSampled(), TraceState.getDefault());
      Span child = telemetry.openTelemetry().getTracer("test").spanBuilder("hop")
          .setParent(Context.root().with(Span.wrap(upstream))).startSpan();
      Map<String, String> carrier = new HashMap<>();
      telemetry.openTelemetry().getPropagators().getTextMapPropagator()
          .inject(Context.root().with(child), carrier, (TextMapSetter<Map<String, String>>) Map::put);
      assertThat(carrier).containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
  }

  @Test
  void configure_otlpEndpointWithoutExporterSetting_turnsTracingOn() {
    Map<String, String> properties = new HashMap<>(QUIET);
    properties.remove("otel.traces.exporter");
    properties.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
    try (Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-test").withProperties(properties))) {
      assertThat(telemetry.tracing()).isTrue();
      assertThat(telemetry.openTelemetry().getTracer("test").spanBuilder("work").startSpan().isRecording()).isTrue();
    }
  }

  @Test
  void configure_parentBasedRatioSampler_samplesNoNewTraceButFollowsASampledCaller() {
    Map<String, String> properties = new HashMap<>(QUIET);
    properties.remove("otel.traces.exporter");
    properties.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
    properties.put("otel.traces.sampler", "parentbased_traceidratio");
    properties.put("otel.traces.sampler.arg", "0.0");
    try (Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-test").withProperties(properties))) {
      var tracer = telemetry.openTelemetry().getTracer("test");
      assertThat(tracer.spanBuilder("root").startSpan().isRecording()).isFalse();

      SpanContext sampledCaller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
      assertThat(tracer.spanBuilder("hop").setParent(Context.root().with(Span.wrap(sampledCaller))).startSpan()
          .isRecording()).isTrue();
    }
  }

  @Test
  void configure_metricsAddress_servesInstrumentsOnMetrics() throws Exception {
    TelemetrySettings settings = TelemetrySettings.forService("convoy-test").withMetrics("127.0.0.1", 0)
        .withProperties(QUIET);
    try (Telemetry telemetry = Telemetry.configure(settings)) {
      assertThat(telemetry.metricsPort()).isPresent();
      telemetry.openTelemetry().getMeter("test").counterBuilder("convoy.test.events").setUnit("{event}").build()
          .add(3, Attributes.of(AttributeKey.stringKey("kind"), "a"));

      PrometheusText.Exposition scraped = PrometheusText.scrape(telemetry.metricsPort().getAsInt());

      assertThat(scraped.value("convoy_test_events_total", "kind", "a")).isEqualTo(3.0);
      assertThat(scraped.value("target_info", "service_name", "convoy-test")).isEqualTo(1.0);
    }
  }

  @Test
  void configure_badSetting_failsNamingIt() {
    TelemetrySettings settings = TelemetrySettings.forService("convoy-test")
        .withProperties(Map.of("otel.traces.exporter", "carrier-pigeon"));
    assertThatThrownBy(() -> Telemetry.configure(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrier-pigeon");
  }

  @Test
  void noop_isTheNoopOpenTelemetry() {
    try (Telemetry telemetry = Telemetry.noop()) {
      assertThat(telemetry.openTelemetry()).isSameAs(OpenTelemetry.noop());
      assertThat(telemetry.metricsPort()).isEmpty();
    }
  }
}
