package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.CommandRunner.Outcome;
import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.loadtest.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep from the command line against a loopback server, with short windows. */
class SweepCommandTest {

  @TempDir Path dir;

  @Test
  void run_concurrencyRange_printsEachLevelAndWritesCsvAndHtml() throws Exception {
    Path csv = dir.resolve("sweep.csv");
    Path html = dir.resolve("sweep.html");
    Outcome outcome;
    try (LoopbackServer server = LoopbackServer.start(FakeInferenceService.alwaysOk())) {
      outcome = CommandRunner.run("--insecure", "--model", "digits_mlp",
          "--concurrency-range", "1:3:2", "--measurement-interval", "40", "--max-trials", "3",
          "-f", csv.toString(), "--sweep-html", html.toString(), server.target());
    }

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("Concurrency: 1, throughput: ", "Concurrency: 3, ");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("Concurrency,Inferences/Second,Client Send,");
    assertThat(lines.get(1)).startsWith("1,");
    assertThat(lines.get(2)).startsWith("3,");
    assertThat(Files.readString(html)).contains("<svg", "Throughput vs latency",
        "Latency over time");
  }

  @Test
  void run_rangeWithoutThreshold_runsEveryLevel() throws Exception {
    Outcome outcome;
    try (LoopbackServer server = LoopbackServer.start(FakeInferenceService.alwaysOk())) {
      outcome = CommandRunner.run("--insecure", "--call",
          "inference.GRPCInferenceService.ServerLive", "--concurrency-range", "2:8:2",
          "--measurement-interval", "30", "--max-trials", "3", "--latency-threshold", "0",
          server.target());
    }

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("Concurrency: 2,", "Concurrency: 4,", "Concurrency: 6,",
        "Concurrency: 8,").doesNotContain("crosses");
  }

  @Test
  void run_bothRanges_usageError() {
    Outcome outcome = CommandRunner.run("--insecure", "--concurrency-range", "1:2",
        "--request-rate-range", "10:20:10", "127.0.0.1:1");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("not both");
  }
}
