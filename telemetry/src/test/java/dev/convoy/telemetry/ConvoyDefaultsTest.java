package dev.convoy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvoyDefaultsTest {
  private static final TelemetrySettings SERVER = TelemetrySettings.forService("convoy-server");

  @Test
  void resolve_nothingConfigured_exportsNothingAndNamesTheService() {
    Map<String, String> resolved = ConvoyDefaults.resolve(environment(Map.of()), SERVER);

    assertThat(resolved).containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .containsEntry("otel.service.name", "convoy-server");
    assertThat(ConvoyDefaults.tracing(environment(Map.of()), resolved)).isFalse();
  }

  @Test
  void resolve_otlpEndpointInEnvironment_exportsTracesOverOtlp() {
    ConfigProperties environment = environment(Map.of("otel.exporter.otlp.endpoint", "http://jaeger:4317"));
    Map<String, String> resolved = ConvoyDefaults.resolve(environment, SERVER);

    assertThat(resolved).containsEntry("otel.traces.exporter", "otlp");
    assertThat(ConvoyDefaults.tracing(environment, resolved)).isTrue();
  }

  @Test
  void resolve_tracesEndpointAlone_exportsTracesOverOtlp() {
    ConfigProperties environment = environment(Map.of("otel.exporter.otlp.traces.endpoint", "http://jaeger:4318/v1/traces"));
    assertThat(ConvoyDefaults.resolve(environment, SERVER)).containsEntry("otel.traces.exporter", "otlp");
  }

  @Test
  void resolve_environmentChoices_areKept() {
    ConfigProperties environment = environment(Map.of("otel.traces.exporter", "console",
        "otel.metrics.exporter", "otlp", "otel.service.name", "edge-server"));
    Map<String, String> resolved = ConvoyDefaults.resolve(environment, SERVER);

    assertThat(resolved).doesNotContainKeys("otel.traces.exporter", "otel.metrics.exporter", "otel.service.name");
    assertThat(ConvoyDefaults.tracing(environment, resolved)).isTrue();
  }

  @Test
  void resolve_serviceNameInResourceAttributes_isKept() {
    ConfigProperties environment = environment(Map.of("otel.resource.attributes", "deployment.environment=prod, service.name=gpu-7"));
    assertThat(ConvoyDefaults.resolve(environment, SERVER)).doesNotContainKey("otel.service.name");
  }

  @Test
  void resolve_callerProperties_winOverTheEnvironment() {
    ConfigProperties environment = environment(Map.of("otel.traces.exporter", "otlp"));
    Map<String, String> resolved = ConvoyDefaults.resolve(environment,
        SERVER.withProperties(Map.of("otel.traces.exporter", "none")));

    assertThat(resolved).containsEntry("otel.traces.exporter", "none");
    assertThat(ConvoyDefaults.tracing(environment, resolved)).isFalse();
  }

  @Test
  void disabled_sdkDisabledTrue_isDisabled() {
    ConfigProperties environment = environment(Map.of("otel.sdk.disabled", "true"));
    assertThat(ConvoyDefaults.disabled(environment, ConvoyDefaults.resolve(environment, SERVER))).isTrue();
    assertThat(ConvoyDefaults.disabled(environment(Map.of()), Map.of())).isFalse();
  }

  private static ConfigProperties environment(Map<String, String> properties) {
    return DefaultConfigProperties.createFromMap(properties);
  }
}
