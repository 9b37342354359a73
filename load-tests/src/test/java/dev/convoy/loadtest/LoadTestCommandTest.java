package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.CommandRunner.Outcome;
import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.loadtest.testing.LoopbackServer;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a real Netty server on a loopback ephemeral port. */
class LoadTestCommandTest {

  @TempDir Path dir;

  private FakeInferenceService service;
  private LoopbackServer server;

  @BeforeEach
  void startServer() throws Exception {
    service = new FakeInferenceService(10, Status.UNAVAILABLE);
    server = LoopbackServer.start(service);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void run_total200Concurrency8_exactly200CallsOneInTenUnavailable() {
    Outcome outcome = CommandRunner.run(
        "--insecure", "--model", "digits_mlp", "-n", "200", "-c", "8", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(service.inferCalls()).isEqualTo(200);
    assertThat(outcome.out()).contains("Summary:", "  Count:\t200\n", "Requests/sec:",
        "Response time histogram:", "Latency distribution:", "99.9 % in",
        "[OK]            180 responses", "[Unavailable]   20 responses", "Error distribution:",
        "[20]   rpc error: code = Unavailable desc = " + FakeInferenceService.FAILURE_DESCRIPTION);
  }

  @Test
  void run_eachEngine_sameCallsAndStatuses() {
    for (String engine : new String[] {"raw", "grpc"}) {
      long before = service.inferCalls();
      Outcome outcome = CommandRunner.run("--insecure", "--engine", engine, "--model",
          "digits_mlp", "-n", "100", "-c", "4", "--connections", "2", server.target());

      assertThat(outcome.exitCode()).as(engine + ": " + outcome.err()).isZero();
      assertThat(service.inferCalls() - before).as(engine).isEqualTo(100);
      assertThat(outcome.out()).as(engine).contains("[OK]            90 responses",
          "[10]   rpc error: code = Unavailable desc = " + FakeInferenceService.FAILURE_DESCRIPTION);
    }
  }

  @Test
  void run_rawEngineWithTls_usageError() {
    Outcome outcome = CommandRunner.run("--engine", "raw", "--model", "digits_mlp",
        server.target());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("--engine raw", "--insecure");
  }

  @Test
  void run_modelStreamInfer_oneCallPerMessageOverWindowedStreams() {
    Outcome outcome = CommandRunner.run("--insecure", "--call",
        "inference.GRPCInferenceService.ModelStreamInfer", "--model",
        "digits_mlp", "-n", "200", "-c", "2", "--stream-window", "4", "--stream-call-count",
        "30", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(service.inferCalls()).isEqualTo(200);
    assertThat(outcome.out()).contains("  Count:\t200\n", "[OK]        180 responses",
        "[Unknown]   20 responses", "[20]   stream answer error: " + FakeInferenceService.FAILURE_DESCRIPTION);
  }

  @Test
  void run_negativeStreamInterval_usageError() {
    Outcome outcome = CommandRunner.run("--insecure", "--call",
        "inference.GRPCInferenceService.ModelStreamInfer",
        "--stream-call-count", "-1", server.target());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("--stream-call-count");
  }

  @Test
  void run_jsonToFile_ghzFieldNamesAndCounts() throws Exception {
    Path report = dir.resolve("report.json");

    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "-n", "50",
        "-c", "4", "-O", "json", "-o", report.toString(), "--name", "json run",
        "--tags", "{\"env\":\"test\"}", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).isEmpty();
    JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertThat(json.keySet()).contains("date", "endReason", "options", "count", "total",
        "average", "fastest", "slowest", "rps", "errorDistribution", "statusCodeDistribution",
        "latencyDistribution", "histogram", "details", "name", "tags");
    assertThat(json.get("count").getAsInt()).isEqualTo(50);
    assertThat(json.getAsJsonArray("details")).hasSize(50);
    assertThat(json.getAsJsonObject("statusCodeDistribution").get("OK").getAsInt()).isEqualTo(45);
    assertThat(json.getAsJsonObject("statusCodeDistribution").get("Unavailable").getAsInt())
        .isEqualTo(5);
    JsonObject options = json.getAsJsonObject("options");
    assertThat(options.get("host").getAsString()).isEqualTo(server.target());
    assertThat(options.get("call").getAsString())
        .isEqualTo("inference.GRPCInferenceService.ModelInfer");
    assertThat(options.get("total").getAsInt()).isEqualTo(50);
    assertThat(options.get("concurrency").getAsInt()).isEqualTo(4);
    assertThat(json.get("name").getAsString()).isEqualTo("json run");
  }

  @Test
  void run_csv_headerAndOneRowPerCall() throws Exception {
    Path report = dir.resolve("calls.csv");

    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "-n", "30",
        "-c", "3", "-O", "csv", "-o", report.toString(), server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    List<String> lines = Files.readAllLines(report);
    assertThat(lines).hasSize(31);
    assertThat(lines.get(0)).startsWith("duration (ms),status,error");
  }

  @Test
  void run_html_fileWithInlineCharts() throws Exception {
    Path report = dir.resolve("report.html");

    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "-n", "20",
        "-O", "html", "-o", report.toString(), server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(Files.readString(report)).contains("<svg", "Latency over time")
        .doesNotContain("<script");
  }

  @Test
  void run_openLoop_printsCorrectedAndUncorrected() {
    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "-n", "20",
        "-c", "2", "--rps", "500", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("(uncorrected", "(corrected for coordinated omission");
  }

  @Test
  void run_modelMetadata_requestsHaveRightDatatypeShapeAndSize() {
    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp",
        "--batch-size", "4", "-n", "5", "-c", "1", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    ModelInferRequest request = service.received().get(0);
    assertThat(request.getModelName()).isEqualTo("digits_mlp");
    assertThat(request.getInputs(0).getName()).isEqualTo("input");
    assertThat(request.getInputs(0).getDatatype()).isEqualTo("FP32");
    assertThat(request.getInputs(0).getShapeList()).containsExactly(4L, 64L);
    assertThat(request.getRawInputContents(0).size()).isEqualTo(4 * 64 * 4);
  }

  @Test
  void run_rowsFile_firstRequestCarriesFirstRow() throws Exception {
    Path rows = Paths.get(getClass().getResource("/digits_sample.csv").toURI());

    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "--rows",
        rows.toString(), "-n", "3", "-c", "1", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    ByteBuffer values = service.received().get(0).getRawInputContents(0)
        .asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    assertThat(values.getFloat()).isEqualTo(0f);
    assertThat(values.getFloat()).isEqualTo(3f);
  }

  @Test
  void run_readinessCallWithMetadataHeaders_noDataNeeded() {
    Outcome outcome = CommandRunner.run("--insecure", "--call",
        "inference.GRPCInferenceService/ModelReady", "--model", "digits_mlp",
        "-m", "{\"x-run\":\"abc\"}", "-n", "10", "-c", "2", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(service.otherCalls()).isEqualTo(10);
    assertThat(server.headers()).anySatisfy(h -> assertThat(
        h.get(Metadata.Key.of("x-run", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("abc"));
  }

  @Test
  void run_inlineData_sentAsGiven() {
    Outcome outcome = CommandRunner.run("--insecure", "-d",
        "{\"modelName\":\"digits_mlp\",\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
            + "\"shape\":[1,1],\"contents\":{\"fp32Contents\":[0.25]}}]}",
        "-n", "3", "-c", "1", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(service.received().get(0).getInputs(0).getContents().getFp32Contents(0))
        .isEqualTo(0.25f);
  }

  @Test
  void run_unknownMethod_usageErrorListingValidMethods() {
    Outcome outcome = CommandRunner.run("--insecure", "--call",
        "inference.GRPCInferenceService.Predict", server.target());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("service \"inference.GRPCInferenceService\" does not"
        + " include a method named \"Predict\"", "inference.GRPCInferenceService.ModelInfer",
        "inference.GRPCInferenceService.ServerLive");
    assertThat(service.inferCalls() + service.otherCalls()).isZero();
  }

  @Test
  void run_unreachableServer_failsFastNamingTarget() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp",
        "127.0.0.1:" + port);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void run_tlsAgainstPlaintextServer_hintsInsecure() {
    Outcome outcome = CommandRunner.run("--model", "digits_mlp", "--connect-timeout", "5s",
        server.target());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("cannot connect to " + server.target(), "--insecure");
  }

  @Test
  void run_badDataFile_namesFileAndProblem() throws Exception {
    Path data = dir.resolve("request.json");
    Files.writeString(data, "{\"modelName\": \"digits_mlp\", \"inputz\": []}");

    Outcome outcome = CommandRunner.run("--insecure", "-D", data.toString(), server.target());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("data file " + data, "inputz");
  }

  @Test
  void run_modelInferWithoutDataOrModel_explainsWhatToGive() {
    Outcome outcome = CommandRunner.run("--insecure", server.target());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("--model NAME", "-d/-D");
  }

  @Test
  void run_unknownModel_namesModelAndServer() {
    Outcome outcome = CommandRunner.run("--insecure", "--model", "resnet", server.target());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("model 'resnet'", server.target(), "NOT_FOUND");
  }

  @Test
  void run_conflictingFlags_usageError() {
    Outcome outcome = CommandRunner.run("--insecure", "-d", "{}", "-D", "x.json",
        server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err()).contains("not both");
  }

  @Test
  void run_badDuration_usageErrorWithExample() {
    Outcome outcome = CommandRunner.run("--insecure", "-z", "ten", server.target());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("10s");
  }

  @Test
  void run_durationWithWarmupAndSkipFirst_endsByTimeout() throws Exception {
    Path report = dir.resolve("timed.json");

    Outcome outcome = CommandRunner.run("--insecure", "--call",
        "inference.GRPCInferenceService.ServerLive", "-z", "200ms",
        "--warmup", "50ms", "--skipFirst", "5", "-c", "2", "-O", "json", "-o",
        report.toString(), server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertThat(json.get("endReason").getAsString()).isEqualTo("timeout");
    assertThat(json.getAsJsonObject("convoy").get("skippedCount").getAsInt()).isEqualTo(5);
    assertThat(json.getAsJsonObject("convoy").get("warmupCount").getAsInt()).isPositive();
    assertThat(json.get("count").getAsLong() + 5 + json.getAsJsonObject("convoy")
        .get("warmupCount").getAsLong()).isEqualTo(service.otherCalls());
  }
}
