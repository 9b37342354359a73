package dev.convoy.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String GOOD = """
      # HELP requests_total Requests \\\\ answered
      # TYPE requests_total counter
      requests_total{model="a\\"b",status="OK"} 3.0
      requests_total{model="c",status="NOT_FOUND"} 1 1700000000000
      # TYPE latency_seconds histogram
      latency_seconds_bucket{le="0.1"} 1
      latency_seconds_bucket{le="+Inf"} 2
      latency_seconds_count 2
      latency_seconds_sum 0.25
      # TYPE depth gauge
      depth NaN
      """;

  @Test
  void parse_wellFormed_readsLabelsValuesAndTypes() {
    PrometheusText.Exposition parsed = PrometheusText.parse(GOOD);

    assertThat(parsed.value("requests_total", "model", "a\"b")).isEqualTo(3.0);
    assertThat(parsed.value("requests_total", "status", "NOT_FOUND")).isEqualTo(1.0);
    assertThat(parsed.value("latency_seconds_count")).isEqualTo(2.0);
    assertThat(parsed.type("latency_seconds")).isEqualTo("histogram");
    assertThat(parsed.help()).containsEntry("requests_total", "Requests \\ answered");
  }

  @Test
  void parse_sampleWithoutType_isRejected() {
    assertThatThrownBy(() -> PrometheusText.parse("orphan 1\n")).hasMessageContaining("no family");
  }

  @Test
  void parse_malformedLabels_areRejected() {
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx{a=b} 1\n")).hasMessageContaining("quoted");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx{a=\"b\",a=\"c\"} 1\n")).hasMessageContaining("twice");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx{a=\"b\\q\"} 1\n")).hasMessageContaining("escape");
  }

  @Test
  void parse_duplicateSeriesOrSplitFamily_isRejected() {
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx 1\nx 2\n")).hasMessageContaining("twice");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a=\"1\"} 2\n"))
        .hasMessageContaining("together");
  }

  @Test
  void parse_histogramNotCumulative_isRejected() {
    String broken = "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n";
    assertThatThrownBy(() -> PrometheusText.parse(broken)).hasMessageContaining("cumulative");
  }

  @Test
  void parse_badValueOrMissingNewline_isRejected() {
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx one\n")).hasMessageContaining("bad value");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\nx 1")).hasMessageContaining("newline");
  }
}
