package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power of two choices on outstanding requests per weight splits load by weight. */
class WeightedSplitTest {
  @Test
  void modelInfer_weights3To1_splitWithin75PercentPlusMinus10(@TempDir Path dir) throws Exception {
    try (Servers.Loopback heavy = new Servers.Loopback(Servers.repository(dir.resolve("heavy"), "digits_mlp"));
        Servers.Loopback light = new Servers.Loopback(Servers.repository(dir.resolve("light"), "digits_mlp"));
        RouterUnderTest router = new RouterUnderTest("backend = " + heavy.address() + ",weight=3\n"
            + "backend = " + light.address() + ",weight=1\n")) {

      assertThat(LoadRun.run(400, 8, i -> router.stub().modelInfer(Requests.digitsMlp()))).isEmpty();

      long onHeavy = heavy.served("digits_mlp");
      long onLight = light.served("digits_mlp");
      assertThat(onHeavy + onLight).isEqualTo(400);
      assertThat((double) onHeavy / 400).as("share of the weight-3 server (%d vs %d)", onHeavy, onLight)
          .isBetween(0.65, 0.85);
      assertThat(router.backend(heavy.address()).served()).isEqualTo(onHeavy);
      assertThat(router.backend(light.address()).outstanding()).isZero();
    }
  }
}
