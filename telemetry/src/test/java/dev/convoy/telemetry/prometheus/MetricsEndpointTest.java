package dev.convoy.telemetry.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.telemetry.metrics.Buckets;
import dev.convoy.telemetry.testing.PrometheusText;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");
  private SdkMeterProvider meters;
  private MetricsEndpoint endpoint;
  private Meter meter;

  @BeforeEach
  void start() {
    PrometheusMetricReader reader = new PrometheusMetricReader();
    meters = SdkMeterProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "convoy-test"))))
        .registerMetricReader(reader).build();
    meter = meters.get("test");
    endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), reader);
  }

  @AfterEach
  void stop() {
    endpoint.close();
    meters.close();
  }

  @Test
  void scrape_counterWithAnnotationUnit_isExposedWithTotalAndNoUnit() throws Exception {
    meter.counterBuilder("convoy.inference.requests").setUnit("{request}").setDescription("Requests answered").build()
        .add(2, Attributes.of(MODEL, "digits", AttributeKey.stringKey("status"), "OK"));

    PrometheusText.Exposition scraped = PrometheusText.scrape(endpoint.port());

    assertThat(scraped.value("convoy_inference_requests_total", "model", "digits", "status", "OK")).isEqualTo(2.0);
    assertThat(scraped.type("convoy_inference_requests_total")).isEqualTo("counter");
    assertThat(scraped.help()).containsEntry("convoy_inference_requests_total", "Requests answered");
  }

  @Test
  void scrape_histogramInSeconds_isAClassicHistogramWithTheSecondsSuffix() throws Exception {
    DoubleHistogram latency = meter.histogramBuilder("convoy.request.duration").setUnit("s")
        .setExplicitBucketBoundariesAdvice(Buckets.LATENCY_SECONDS).build();
    latency.record(0.003, Attributes.of(MODEL, "digits"));
    latency.record(0.2, Attributes.of(MODEL, "digits"));

    PrometheusText.Exposition scraped = PrometheusText.scrape(endpoint.port());

    assertThat(scraped.type("convoy_request_duration_seconds")).isEqualTo("histogram");
    assertThat(scraped.value("convoy_request_duration_seconds_count", "model", "digits")).isEqualTo(2.0);
    assertThat(scraped.value("convoy_request_duration_seconds_sum", "model", "digits")).isEqualTo(0.203);
    assertThat(scraped.value("convoy_request_duration_seconds_bucket", "model", "digits", "le", "0.005")).isEqualTo(1.0);
    assertThat(scraped.value("convoy_request_duration_seconds_bucket", "model", "digits", "le", "+Inf")).isEqualTo(2.0);
  }

  @Test
  void scrape_secondsCounterGaugesAndDottedAttributes_followPrometheusNaming() throws Exception {
    meter.counterBuilder("convoy.instance.busy").ofDoubles().setUnit("s").build()
        .add(1.5, Attributes.of(AttributeKey.stringKey("model_instance"), "0"));
    meter.upDownCounterBuilder("convoy.inflight").build().add(3);
    meter.gaugeBuilder("convoy.queue.depth").ofLongs().setUnit("{request}")
        .buildWithCallback(m -> m.record(4, Attributes.of(AttributeKey.stringKey("rpc.method"), "ModelInfer")));

    PrometheusText.Exposition scraped = PrometheusText.scrape(endpoint.port());

    assertThat(scraped.value("convoy_instance_busy_seconds_total", "model_instance", "0")).isEqualTo(1.5);
    assertThat(scraped.type("convoy_inflight")).isEqualTo("gauge");
    assertThat(scraped.value("convoy_inflight")).isEqualTo(3.0);
    assertThat(scraped.value("convoy_queue_depth", "rpc_method", "ModelInfer")).isEqualTo(4.0);
    assertThat(scraped.value("target_info", "service_name", "convoy-test")).isEqualTo(1.0);
  }
}
