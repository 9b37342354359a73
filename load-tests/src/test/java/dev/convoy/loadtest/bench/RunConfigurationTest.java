package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RunConfigurationTest {
  @Test
  void stolen_shareAndCores_orNothingWhereUnread() {
    assertThat(RunConfiguration.stolen(OptionalDouble.of(0.125), 2))
        .isEqualTo("; CPU time stolen by the hypervisor over the run: 12.5% (0.25 of 2 cores)");
    assertThat(RunConfiguration.stolen(OptionalDouble.empty(), 2)).isEmpty();
  }

  @Test
  void withEndOfRun_extendsOnlyTheSystemLoadLine() {
    RunConfiguration start = new RunConfiguration(List.of(
        new RunConfiguration.Setting("date", "2026-12-03T00:00:00Z"),
        new RunConfiguration.Setting("system load", "1-min load average 1.00 at start")));

    List<RunConfiguration.Setting> end = start.withEndOfRun(OptionalDouble.of(0.5), List.of()).settings();

    assertThat(end.get(0)).isEqualTo(start.settings().get(0));
    assertThat(end.get(1).value()).startsWith("1-min load average 1.00 at start, ")
        .contains(" at end (", "CPU time stolen by the hypervisor over the run: 50.0% (");
    assertThat(end.get(2)).isEqualTo(new RunConfiguration.Setting("warm-ups at their cap",
        "none: every warm-up ended steady"));
  }

  @Test
  void capped_countsAll_namesTheFirstFive() {
    List<String> warmups = List.of("w1", "w2", "w3", "w4", "w5", "w6", "w7");

    assertThat(RunConfiguration.capped(warmups)).startsWith("7 ended at their cap, not steady")
        .endsWith(": w1; w2; w3; w4; w5; and 2 more");
    assertThat(RunConfiguration.capped(List.of("w1"))).endsWith(": w1");
  }
}
