package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.CommandRunner.Outcome;
import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.loadtest.testing.LoopbackServer;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ghz's flags, checks, config files and report formats, against a loopback server. */
class GhzFlagsTest {

  private static final String LIVE = "inference.GRPCInferenceService.ServerLive";

  @TempDir Path dir;

  private FakeInferenceService service;
  private LoopbackServer server;

  @BeforeEach
  void startServer() throws IOException {
    service = new FakeInferenceService(10, Status.UNAVAILABLE);
    server = LoopbackServer.start(service);
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.close();
  }

  @Test
  void run_shortCallName_refusedAsGhzRefusesIt() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "ModelInfer", server.target());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains(
        "method name must be package.Service.Method or package.Service/Method: \"ModelInfer\"");
  }

  @Test
  void run_moreConnectionsThanConcurrency_ghzError() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", LIVE, "-c", "2",
        "--connections", "3", server.target());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("number of connections cannot be greater than concurrency");
  }

  @Test
  void run_badSchedules_ghzErrors() {
    assertThat(usageError("--load-schedule", "ramp")).contains("\"const\", \"step\", or \"line\"");
    assertThat(usageError("--load-schedule", "step", "--load-start", "5", "--load-end", "5"))
        .contains("load start cannot equal load end");
    assertThat(usageError("--load-schedule", "step", "--load-start", "5", "--load-end", "9"))
        .contains("invalid load step");
    assertThat(usageError("--load-schedule", "step", "--load-start", "5", "--load-step", "1"))
        .contains("invalid load step duration");
    assertThat(usageError("--concurrency-schedule", "line", "--concurrency-start", "2",
        "--concurrency-end", "2")).contains("concurrency start cannot equal concurrency end");
    assertThat(usageError("-n", "5", "--skipFirst", "6"))
        .contains("you cannot skip more requests than those run");
    assertThat(usageError("--max-recv-message-size", "lots"))
        .contains("invalid max call recv message size");
    Outcome tls = CommandRunner.run("--authority", "x", "--call", LIVE, server.target());
    assertThat(tls.exitCode()).isEqualTo(2);
    assertThat(tls.err()).contains("--authority only works with --insecure");
  }

  @Test
  void run_version_ghzShortFlag() {
    Outcome outcome = CommandRunner.run("-v");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).contains("convoy-load");
  }

  @Test
  void run_maxDurationWithTotal_totalRespected() throws IOException {
    JsonObject json = jsonRun("--insecure", "--call", LIVE, "-n", "30", "-c", "2", "-x", "20s");

    assertThat(json.get("count").getAsLong()).isEqualTo(30);
    assertThat(json.get("endReason").getAsString()).isEqualTo("normal");
    assertThat(json.getAsJsonObject("options").get("duration").getAsLong())
        .isEqualTo(20_000_000_000L);
    assertThat(json.getAsJsonObject("options").get("total").getAsLong()).isEqualTo(30);
  }

  @Test
  void run_durationAlone_ghzReportsItsUnlimitedTotal() throws IOException {
    JsonObject json = jsonRun("--insecure", "--call", LIVE, "-z", "150ms", "-c", "2");

    assertThat(json.get("endReason").getAsString()).isEqualTo("timeout");
    assertThat(json.getAsJsonObject("options").get("total").getAsLong())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void run_countErrors_failuresInTheLatencyDistribution() throws IOException {
    JsonObject counted = jsonRun("--insecure", "--model", "digits_mlp", "-n", "20", "-c", "1",
        "--count-errors");

    assertThat(histogramTotal(counted)).isEqualTo(20);
    assertThat(counted.getAsJsonObject("options").get("count-errors").getAsBoolean()).isTrue();
  }

  @Test
  void run_allCallsFail_nullDistributionsAsGhz() throws Exception {
    server.close();
    service = new FakeInferenceService(1, Status.UNAVAILABLE);
    server = LoopbackServer.start(service);

    JsonObject json = jsonRun("--insecure", "--model", "digits_mlp", "-n", "6", "-c", "2");

    assertThat(json.get("latencyDistribution").isJsonNull()).isTrue();
    assertThat(json.get("histogram").isJsonNull()).isTrue();
    assertThat(json.getAsJsonArray("details")).hasSize(6);
    assertThat(json.get("fastest").getAsLong()).isZero();
  }

  @Test
  void run_concurrencyAndLoadSchedules_runAndReportTheirSettings() throws IOException {
    JsonObject json = jsonRun("--insecure", "--call", LIVE, "-n", "40",
        "--load-schedule", "step", "--load-start", "200", "--load-step", "200",
        "--load-step-duration", "50ms", "--load-end", "800",
        "--concurrency-schedule", "line", "--concurrency-start", "1", "--concurrency-end", "4",
        "--concurrency-step", "1");

    assertThat(json.get("count").getAsLong()).isEqualTo(40);
    JsonObject options = json.getAsJsonObject("options");
    assertThat(options.get("load-schedule").getAsString()).isEqualTo("step");
    assertThat(options.get("load-step-duration").getAsLong()).isEqualTo(50_000_000L);
    assertThat(options.get("concurrency-schedule").getAsString()).isEqualTo("line");
    assertThat(options.get("concurrency-step-duration").getAsLong())
        .isEqualTo(1_000_000_000L);
  }

  @Test
  void run_async_allCallsMade() throws IOException {
    JsonObject json = jsonRun("--insecure", "--call", LIVE, "-n", "50", "-c", "1", "--async",
        "--rps", "2000");

    assertThat(json.get("count").getAsLong()).isEqualTo(50);
    assertThat(json.getAsJsonObject("options").get("async").getAsBoolean()).isTrue();
  }

  @Test
  void run_tomlConfig_settingsUsedAndCommandLineWins() throws IOException {
    Path config = Files.writeString(dir.resolve("run.toml"), String.join("\n",
        "call = \"" + LIVE + "\"", "insecure = true", "total = 7", "concurrency = 3",
        "host = \"" + server.target() + "\"", "[tags]", "env = \"toml\""));

    JsonObject json = jsonRun("--config", config.toString(), "-n", "9");

    assertThat(json.get("count").getAsLong()).isEqualTo(9);
    assertThat(json.getAsJsonObject("options").get("concurrency").getAsLong()).isEqualTo(3);
    assertThat(json.getAsJsonObject("tags").get("env").getAsString()).isEqualTo("toml");
  }

  @Test
  void run_jsonConfigWithDataObjectAndUnknownKey() throws IOException {
    Path config = Files.writeString(dir.resolve("run.json"), "{\"call\":\"" + LIVE
        + "\",\"insecure\":true,\"total\":4,\"concurrency\":2,\"connect-timeout\":\"5s\","
        + "\"metadata\":{\"x-run\":\"cfg\"},\"host\":\"" + server.target() + "\"}");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"totl\":4}");

    JsonObject json = jsonRun("--config", config.toString());
    Outcome outcome = CommandRunner.run("--config", bad.toString(), server.target());

    assertThat(json.get("count").getAsLong()).isEqualTo(4);
    assertThat(json.getAsJsonObject("options").getAsJsonObject("metadata").get("x-run")
        .getAsString()).isEqualTo("cfg");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("unknown key 'totl'");
  }

  @Test
  void run_influxSummary_oneGhzRunLine() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", LIVE, "-n", "10", "-c", "2",
        "--name", "my run", "-O", "influx-summary", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    String line = outcome.out().trim();
    assertThat(line).startsWith("ghz_run,name=\"my\\ run\",call=\"" + LIVE + "\",host=\""
        + server.target() + "\",n=10,c=2,rps=0,z=0,timeout=20,dial_timeout=10,keepalive=0,"
        + "data=\"\",metadata=\"\",tags=\"\",errors=0,has_errors=false count=10,total=");
    assertThat(line).matches(".* count=10,total=\\d+,average=\\d+,fastest=\\d+,slowest=\\d+,"
        + "rps=\\d+\\.\\d\\d,median=\\d+,p95=\\d+,errors=0 \\d+");
  }

  @Test
  void run_influxDetails_oneLinePerCall() {
    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "-n", "10",
        "-c", "1", "-O", "influx-details", server.target());

    List<String> lines = outcome.out().lines().toList();
    assertThat(lines).hasSize(10).allMatch(l -> l.startsWith("ghz_detail,"));
    assertThat(lines.stream().filter(l -> l.contains(",hasError=true "))).hasSize(1);
    assertThat(lines.get(0)).contains(" latency=", ",error=\"\",status=\"OK\" ");
  }

  @Test
  void run_prometheus_ghzMetricFamiliesWithCumulativeBuckets() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", LIVE, "-n", "10", "-c", "2",
        "-O", "prometheus", server.target());

    String text = outcome.out();
    for (String family : List.of("ghz_run_count gauge", "ghz_run_total gauge",
        "ghz_run_average gauge", "ghz_run_fastest gauge", "ghz_run_slowest gauge",
        "ghz_run_rps gauge", "ghz_run_histogram histogram", "ghz_run_latency summary",
        "ghz_run_errors gauge")) {
      assertThat(text).contains("# TYPE " + family + "\n");
    }
    assertThat(text).contains("end_reason=\"normal\"", "dial_timeout=\"10000000000\"",
        "insecure=\"true\"", "le=\"+Inf\"} 10\n", "quantile=\"0.99\"}");
    assertThat(text).doesNotContain("load_schedule");
    List<Long> buckets = new ArrayList<>();
    text.lines().filter(l -> l.startsWith("ghz_run_histogram_bucket"))
        .forEach(l -> buckets.add(Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))));
    assertThat(buckets).isSorted().last().isEqualTo(10L);
  }

  @Test
  void run_connectionFlags_compressionKeepaliveBalancingAndCpus() throws IOException {
    JsonObject json = jsonRun("--insecure", "--model", "digits_mlp", "-n", "10", "-c", "2",
        "-e", "--keepalive", "10s", "--lb-strategy", "round_robin", "--cpus", "1",
        "--max-recv-message-size", "1MiB");

    assertThat(json.get("count").getAsLong()).isEqualTo(10);
    assertThat(json.getAsJsonObject("statusCodeDistribution").get("OK").getAsInt()).isEqualTo(9);
    JsonObject options = json.getAsJsonObject("options");
    assertThat(options.get("enable-compression").getAsBoolean()).isTrue();
    assertThat(options.get("keepalive").getAsLong()).isEqualTo(10_000_000_000L);
    assertThat(options.get("CPUs").getAsInt()).isEqualTo(1);
    assertThat(json.getAsJsonObject("convoy").getAsJsonObject("options").get("engine")
        .getAsString()).isEqualTo("grpc");
  }

  @Test
  void run_maxSendMessageSizeBelowTheRequest_nothingSent() throws IOException {
    JsonObject json = jsonRun("--insecure", "--model", "digits_mlp", "-n", "4", "-c", "1",
        "--max-send-message-size", "16B");

    // grpc-java cancels a call whose message is over the limit before it leaves the client.
    assertThat(json.getAsJsonObject("statusCodeDistribution").keySet()).doesNotContain("OK");
    assertThat(json.get("count").getAsLong()).isEqualTo(4);
    assertThat(service.inferCalls()).isZero();
  }

  @Test
  void run_unknownBalancingPolicy_namedError() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", LIVE, "--lb-strategy",
        "nearest", server.target());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("no load-balancing policy named 'nearest'");
  }

  private String usageError(String... flags) {
    List<String> args = new ArrayList<>(List.of("--insecure", "--call", LIVE));
    args.addAll(List.of(flags));
    args.add(server.target());
    Outcome outcome = CommandRunner.run(args.toArray(String[]::new));
    assertThat(outcome.exitCode()).as(String.join(" ", flags) + ": " + outcome.err())
        .isEqualTo(2);
    return outcome.err();
  }

  private JsonObject jsonRun(String... flags) throws IOException {
    Path report = dir.resolve("report-" + System.nanoTime() + ".json");
    List<String> args = new ArrayList<>(List.of(flags));
    args.addAll(List.of("-O", "json", "-o", report.toString()));
    if (!args.contains("--config")) {
      args.add(server.target());
    }
    Outcome outcome = CommandRunner.run(args.toArray(String[]::new));
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    return JsonParser.parseString(Files.readString(report)).getAsJsonObject();
  }

  private static long histogramTotal(JsonObject json) {
    long total = 0;
    JsonArray histogram = json.getAsJsonArray("histogram");
    for (JsonElement bucket : histogram) {
      total += bucket.getAsJsonObject().get("count").getAsLong();
    }
    return total;
  }

}
