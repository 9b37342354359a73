package dev.convoy.loadtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep on scripted windows: no load, no clock, no sleeps. */
class SweepTest {

  private static final long MS = 1_000_000L;

  private static Window window(double throughput, long averageMs, long p99Ms) {
    return new Window(0, throughput, averageMs * MS, averageMs * MS, averageMs * MS,
        averageMs * MS, p99Ms * MS, (long) throughput);
  }

  @Test
  void isStable_threeWindowsWithinTenPercent_stable() {
    assertThat(StabilityRule.isStable(List.of(window(100, 10, 20), window(105, 10, 20),
        window(96, 11, 20)), 10)).isTrue();
  }

  @Test
  void isStable_throughputOrLatencyOutside_notStable() {
    assertThat(StabilityRule.isStable(List.of(window(100, 10, 20), window(130, 10, 20),
        window(100, 10, 20)), 10)).isFalse();
    assertThat(StabilityRule.isStable(List.of(window(100, 10, 20), window(100, 14, 20),
        window(100, 10, 20)), 10)).isFalse();
    assertThat(StabilityRule.isStable(List.of(window(100, 10, 20), window(100, 10, 20)), 10))
        .isFalse();
  }

  @Test
  void isStable_onlyTheLastThreeCount() {
    assertThat(StabilityRule.isStable(List.of(window(10, 90, 99), window(100, 10, 20),
        window(101, 10, 20), window(99, 10, 20)), 10)).isTrue();
  }

  @Test
  void run_windowsUntilStable_thenNextLevel() throws Exception {
    Map<Long, Deque<Window>> script = new HashMap<>();
    script.put(1L, new ArrayDeque<>(List.of(window(50, 20, 30), window(100, 10, 15),
        window(100, 10, 15), window(100, 10, 15), window(999, 1, 1))));
    script.put(2L, new ArrayDeque<>(List.of(window(180, 11, 16), window(180, 11, 16),
        window(180, 11, 16))));
    List<Long> measured = new ArrayList<>();

    Sweep.Result result = new Sweep(level -> {
      measured.add(level);
      return script.get(level).pop();
    }, () -> ServerTimes.NONE).run(new Sweep.Plan(List.of(1L, 2L), 10, 10, Duration.ZERO));

    assertThat(measured).containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 2L);
    assertThat(result.rows()).extracting(SweepRow::stable).containsExactly(true, true);
    assertThat(result.rows().get(0).throughput()).isEqualTo(100);
    assertThat(result.crossedAt()).isNull();
  }

  @Test
  void run_neverStable_stopsAtMaxTrialsAndSaysSo() throws Exception {
    double[] throughputs = {100, 150, 100, 150, 100};
    int[] next = {0};

    Sweep.Result result = new Sweep(level -> window(throughputs[next[0]++], 10, 15),
        () -> ServerTimes.NONE).run(new Sweep.Plan(List.of(4L), 10, 5, Duration.ZERO));

    assertThat(next[0]).isEqualTo(5);
    assertThat(result.rows().get(0).stable()).isFalse();
  }

  @Test
  void run_p99AboveThreshold_stopsAndNamesTheLevel() throws Exception {
    Map<Long, Long> p99 = Map.of(1L, 2L, 2L, 4L, 4L, 9L, 8L, 20L);
    List<Long> levels = new ArrayList<>();

    Sweep.Result result = new Sweep(level -> {
      levels.add(level);
      return window(100, 1, p99.get(level));
    }, () -> ServerTimes.NONE).run(
        new Sweep.Plan(List.of(1L, 2L, 4L, 8L), 10, 10, Duration.ofMillis(5)));

    assertThat(result.crossedAt()).isEqualTo(4L);
    assertThat(levels).doesNotContain(8L);
    assertThat(result.rows()).hasSize(3);
  }

  @Test
  void run_serverTimes_perRequestDeltasOfTheLevel() throws Exception {
    Deque<ServerTimes> readings = new ArrayDeque<>(List.of(
        new ServerTimes(100, 1_000_000, 0, 0, 0),
        new ServerTimes(300, 3_000_000, 200_000, 20_000_000, 400_000)));

    Sweep.Result result = new Sweep(level -> window(100, 1, 1), readings::pop)
        .run(new Sweep.Plan(List.of(1L), 10, 3, Duration.ZERO));

    SweepRow row = result.rows().get(0);
    assertThat(row.queueNanos()).isEqualTo(10_000);
    assertThat(row.computeInputNanos()).isEqualTo(1_000);
    assertThat(row.computeInferNanos()).isEqualTo(100_000);
    assertThat(row.computeOutputNanos()).isEqualTo(2_000);
    assertThat(row.networkAndServerNanos()).isEqualTo(1_000_000 - 113_000);
  }

  @Test
  void csv_perfAnalyzerColumnsInMicroseconds() throws Exception {
    Sweep.Result result = new Sweep(level -> window(250, 4, 8), () -> ServerTimes.NONE)
        .run(new Sweep.Plan(List.of(2L), 10, 3, Duration.ZERO));
    StringBuilder csv = new StringBuilder();

    SweepCsv.write(result, "Concurrency", csv);

    assertThat(csv.toString()).isEqualTo("Concurrency,Inferences/Second,Client Send,"
        + "Network+Server Send/Recv,Server Queue,Server Compute Input,Server Compute Infer,"
        + "Server Compute Output,Client Recv,p50 latency,p90 latency,p95 latency,p99 latency\n"
        + "2,250.00,0,4000,0,0,0,0,0,4000,4000,4000,8000\n");
  }

  @Test
  void range_perfAnalyzerForms() {
    assertThat(Sweep.range("1:8:2", "--concurrency-range")).containsExactly(1L, 3L, 5L, 7L);
    assertThat(Sweep.range("4", "--concurrency-range")).containsExactly(4L);
    assertThat(Sweep.range("2:4", "--concurrency-range")).containsExactly(2L, 3L, 4L);
    assertThatThrownBy(() -> Sweep.range("8:1", "--concurrency-range"))
        .hasMessageContaining("--concurrency-range must be start:end:step");
  }
}
