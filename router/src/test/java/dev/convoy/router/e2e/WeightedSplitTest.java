package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Power of two choices on outstanding requests per weight splits load by weight when the
 * backends answer in the same time. The backends answer after a fixed delay that costs no CPU:
 * real servers sharing this machine's cores would slow down with their own load, and the
 * split would then follow their equal capacity, not the configured weights.
 */
class WeightedSplitTest {
  private static final Duration LATENCY = Duration.ofMillis(5);

  @Test
  void modelInfer_weights3To1_equalLatency_splitWithin75PercentPlusMinus10() throws Exception {
    try (RecordingBackend heavy = new RecordingBackend("heavy", "digits_mlp");
        RecordingBackend light = new RecordingBackend("light", "digits_mlp")) {
      heavy.answerAfter(LATENCY);
      light.answerAfter(LATENCY);
      try (RouterUnderTest router = new RouterUnderTest("backend = " + heavy.address() + ",weight=3\n"
          + "backend = " + light.address() + ",weight=1\n")) {

        assertThat(LoadRun.run(400, 8, i -> router.stub().modelInfer(Requests.digitsMlp()))).isEmpty();

        int onHeavy = heavy.inferCalls();
        int onLight = light.inferCalls();
        assertThat(onHeavy + onLight).isEqualTo(400);
        assertThat((double) onHeavy / 400).as("share of the weight-3 backend (%d vs %d)", onHeavy, onLight)
            .isBetween(0.65, 0.85);
        assertThat(router.backend(heavy.address()).served()).isEqualTo(onHeavy);
        assertThat(router.backend(light.address()).outstanding()).isZero();
      }
    }
  }
}
