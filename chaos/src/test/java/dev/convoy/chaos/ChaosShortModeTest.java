package dev.convoy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's short mode, run by the build: every case whose goal is a count must meet
 * it; latency ratios are printed only, as timings on a shared machine are not assertions.
 */
class ChaosShortModeTest {
  @Test
  void shortMode_everyCountedGoalMet() throws Exception {
    List<CaseResult> results = ChaosSuite.run(ChaosSuite.root(), ChaosSuite.Mode.SHORT);

    assertThat(results).hasSize(5);
    assertThat(results).filteredOn(r -> !r.timed())
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.met()).as(r.describe()).isTrue());
  }
}
