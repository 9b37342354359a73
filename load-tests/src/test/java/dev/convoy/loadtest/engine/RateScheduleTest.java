package dev.convoy.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void offsetNanos_hundredPerSecond_tenMillisecondsApart() {
    RateSchedule schedule = new RateSchedule(100);

    assertThat(schedule.offsetNanos(0)).isZero();
    assertThat(schedule.offsetNanos(1)).isEqualTo(10_000_000L);
    assertThat(schedule.offsetNanos(100)).isEqualTo(1_000_000_000L);
  }

  @Test
  void offsetNanos_periodNotWholeNanos_doesNotDrift() {
    RateSchedule schedule = new RateSchedule(3);

    assertThat(schedule.offsetNanos(1)).isEqualTo(333_333_333L);
    assertThat(schedule.offsetNanos(2)).isEqualTo(666_666_666L);
    assertThat(schedule.offsetNanos(3)).isEqualTo(1_000_000_000L);
    assertThat(schedule.offsetNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void offsetNanos_fractionalRate_spacesCallsSecondsApart() {
    assertThat(new RateSchedule(0.5).offsetNanos(2)).isEqualTo(4_000_000_000L);
  }

  @Test
  void constructor_zeroOrNegativeRate_rejected() {
    assertThatThrownBy(() -> new RateSchedule(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSchedule(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSchedule(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
