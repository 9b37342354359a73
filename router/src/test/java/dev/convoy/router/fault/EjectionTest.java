package dev.convoy.router.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.config.EjectionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EjectionTest {
  private static final long SECOND = 1_000_000_000L;
  private final Ejection ejection = new Ejection(new EjectionSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(5)));

  private void faults(int count, long now) {
    for (int i = 0; i < count; i++) {
      ejection.onFault(now);
    }
  }

  @Test
  void onFault_consecutiveFailuresReachThreshold_ejects() {
    assertThat(ejection.onFault(0)).isFalse();
    assertThat(ejection.onFault(0)).isFalse();
    assertThat(ejection.onFault(0)).isTrue();

    assertThat(ejection.isEjected(0)).isTrue();
    assertThat(ejection.remainingNanos(0)).isEqualTo(SECOND);
    assertThat(ejection.ejections()).isEqualTo(1);
  }

  @Test
  void onHealthy_betweenFaults_resetsTheRun() {
    faults(2, 0);
    ejection.onHealthy(0);
    faults(2, 0);

    assertThat(ejection.isEjected(0)).isFalse();
  }

  @Test
  void isEjected_afterBackoff_backInRotation() {
    faults(3, 0);

    assertThat(ejection.isEjected(SECOND - 1)).isTrue();
    assertThat(ejection.isEjected(SECOND)).isFalse();
  }

  @Test
  void onFault_whileEjected_doesNotExtend() {
    faults(3, 0);
    faults(10, SECOND / 2);

    assertThat(ejection.remainingNanos(SECOND / 2)).isEqualTo(SECOND / 2);
    assertThat(ejection.ejections()).isEqualTo(1);
  }

  @Test
  void onFault_repeatedEjections_backoffDoublesUpToTheCap() {
    long now = 0;
    long[] expected = {1, 2, 4, 5, 5};
    for (long seconds : expected) {
      faults(3, now);
      assertThat(ejection.remainingNanos(now)).as("ejection %d", ejection.ejections()).isEqualTo(seconds * SECOND);
      now += seconds * SECOND;
    }
  }

  @Test
  void onHealthy_afterCleanPeriod_forgivesPastEjections() {
    faults(3, 0);
    faults(3, SECOND);
    assertThat(ejection.remainingNanos(SECOND)).isEqualTo(2 * SECOND);

    // Back at 3 s, but only 1 s clean at 4 s: not forgiven, the next ejection doubles again.
    ejection.onHealthy(4 * SECOND);
    faults(3, 5 * SECOND);
    assertThat(ejection.remainingNanos(5 * SECOND)).isEqualTo(4 * SECOND);

    // Back at 9 s; clean for as long as that ejection lasted (4 s): forgiven.
    ejection.onHealthy(9 * SECOND + 4 * SECOND);
    faults(3, 14 * SECOND);
    assertThat(ejection.remainingNanos(14 * SECOND)).isEqualTo(SECOND);
  }

  @Test
  void onFault_disabled_neverEjects() {
    Ejection disabled = new Ejection(new EjectionSettings(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    for (int i = 0; i < 100; i++) {
      assertThat(disabled.onFault(0)).isFalse();
    }
    assertThat(disabled.isEjected(0)).isFalse();
  }

  @Test
  void backoffNanos_largeCounts_doNotOverflow() {
    assertThat(ejection.backoffNanos(200)).isEqualTo(5 * SECOND);
  }

  @Test
  void ejectNow_ejectsAtOnceWithBackoff_andNotTwice() {
    long now = 1_000_000_000L;

    assertThat(ejection.ejectNow(now)).isTrue();
    assertThat(ejection.remainingNanos(now)).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(ejection.ejectNow(now + 1)).isFalse();
    assertThat(ejection.ejections()).isEqualTo(1);
  }
}
