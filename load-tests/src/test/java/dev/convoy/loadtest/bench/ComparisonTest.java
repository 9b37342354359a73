package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static final Map<String, RowResult> RESULTS = Map.of(
      "base", Rows.measured("base", 1, 1000, 100),
      "fast", Rows.measured("fast", 8, 500, 300),
      "down", RowResult.notRun(Rows.spec("down"), "server rejected the config"));

  @Test
  void evaluate_rowsPerSecondRatio_countsRowsNotRequests() {
    Comparison.Outcome outcome = Comparison.ratio("x", "fast", "base", Metric.ROWS_PER_SECOND)
        .evaluate(RESULTS);

    assertThat(outcome.value()).isCloseTo(4.0, within(1e-9));
    assertThat(outcome.present()).isTrue();
  }

  @Test
  void evaluate_latencyDifference_isRowMinusBaselineInNanos() {
    Comparison.Outcome outcome = Comparison.difference("x", "fast", "base", Metric.P50)
        .evaluate(RESULTS);

    assertThat(outcome.value()).isEqualTo(200_000.0);
  }

  @Test
  void evaluate_baselineNotRun_missingWithReason() {
    Comparison.Outcome outcome = Comparison.ratio("x", "fast", "down", Metric.P99)
        .evaluate(RESULTS);

    assertThat(outcome.present()).isFalse();
    assertThat(outcome.missing()).isEqualTo("down did not run");
    assertThat(outcome.verdict()).isEmpty();
  }

  @Test
  void verdict_goal_saysMetOrBelow() {
    Comparison goal = Comparison.ratio("x", "fast", "base", Metric.ROWS_PER_SECOND)
        .withGoalAtLeast(4);

    assertThat(goal.evaluate(RESULTS).verdict()).isEqualTo("meets goal >= 4.00x");
    assertThat(goal.withGoalAtLeast(5).evaluate(RESULTS).verdict())
        .isEqualTo("below goal >= 5.00x");
  }

  @Test
  void verdict_goalAtMostOnADifference_saysMetOrAboveInTheMetricsUnit() {
    Comparison added = Comparison.difference("x", "fast", "base", Metric.P50)
        .withGoalAtMost(150_000);

    assertThat(added.evaluate(RESULTS).verdict()).isEqualTo("above goal <= 150 µs");
    assertThat(added.withGoalAtMost(200_000).evaluate(RESULTS).verdict())
        .isEqualTo("meets goal <= 200 µs");
  }

  @Test
  void evaluate_value_isTheRowsOwnFigureAgainstAnAbsoluteGoal() {
    double rate = RESULTS.get("fast").measurement().rowsPerSecond();
    Comparison value = Comparison.value("x", "fast", Metric.ROWS_PER_SECOND);

    assertThat(value.evaluate(RESULTS).value()).isEqualTo(rate);
    assertThat(value.withGoalAtLeast(rate + 1).evaluate(RESULTS).verdict())
        .isEqualTo("below goal >= " + Formats.rate(rate + 1));
    assertThat(value.withGoalAtLeast(rate).evaluate(RESULTS).verdict()).startsWith("meets");
  }
}
