package dev.convoy.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers and durations written as Go writes them, for ghz's text formats. */
class GoFormatsTest {

  @Test
  void go_prometheusNumbers() {
    assertThat(PrometheusReport.go(200)).isEqualTo("200");
    assertThat(PrometheusReport.go(1.126828629e9)).isEqualTo("1.126828629e+09");
    assertThat(PrometheusReport.go(177.48927818552966)).isEqualTo("177.48927818552966");
    assertThat(PrometheusReport.go(0.116979031)).isEqualTo("0.116979031");
    assertThat(PrometheusReport.go(0.00001)).isEqualTo("1e-05");
  }

  @Test
  void go_durations() {
    assertThat(Durations.go(0)).isEqualTo("0s");
    assertThat(Durations.go(1_000_000_000L)).isEqualTo("1s");
    assertThat(Durations.go(1_500_000_000L)).isEqualTo("1.5s");
    assertThat(Durations.go(90_000_000_000L)).isEqualTo("1m30s");
    assertThat(Durations.go(500_000_000L)).isEqualTo("500ms");
    assertThat(Durations.go(7_200_000_000_000L)).isEqualTo("2h0m0s");
    assertThat(Durations.goFloat(20)).isEqualTo("20");
    assertThat(Durations.goFloat(0.5)).isEqualTo("0.5");
  }
}
