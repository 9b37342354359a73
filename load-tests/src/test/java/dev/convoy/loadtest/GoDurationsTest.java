package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GoDurationsTest {

  @Test
  void parse_goForms_durations() {
    assertThat(GoDurations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(GoDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDurations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void parse_noUnit_rejectedWithExample() {
    assertThatThrownBy(() -> GoDurations.parse("10"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("10s, 1m30s");
  }

  @Test
  void parse_trailingGarbage_rejected() {
    assertThatThrownBy(() -> GoDurations.parse("10sx"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
  }
}
