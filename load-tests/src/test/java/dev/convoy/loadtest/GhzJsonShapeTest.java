package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.CommandRunner.Outcome;
import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.loadtest.testing.LoopbackServer;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * convoy-load's JSON for a fixed run against the shape ghz documents (www/docs/output.md and
 * its sample pretty.json; runner.Report and runner.Options): the top-level keys in ghz's order
 * with Convoy's {@code convoy} last, ghz's option keys only and in its order, and each value's
 * type and unit.
 */
class GhzJsonShapeTest {

  /** runner.Report's keys as ghz writes them ({@code date} first). */
  private static final List<String> REPORT_KEYS = List.of("date", "name", "endReason",
      "options", "count", "total", "average", "fastest", "slowest", "rps", "errorDistribution",
      "statusCodeDistribution", "latencyDistribution", "histogram", "details", "tags");

  /** runner.Options' JSON keys in declaration order. */
  private static final List<String> OPTION_KEYS = List.of("call", "host", "proto", "protoset",
      "import-paths", "enable-compression", "cacert", "cert", "key", "cname", "skipTLS",
      "insecure", "authority", "rps", "load-schedule", "load-start", "load-end", "load-step",
      "load-step-duration", "load-max-duration", "concurrency", "concurrency-schedule",
      "concurrency-start", "concurrency-end", "concurrency-step", "concurrency-step-duration",
      "concurrency-max-duration", "total", "async", "connections", "duration", "timeout",
      "dial-timeout", "keepalive", "data", "binary", "metadata", "CPUs", "name", "skipFirst",
      "count-errors");

  @TempDir Path dir;

  @Test
  void json_fixedRun_ghzKeysOrderTypesAndUnits() throws Exception {
    JsonObject json;
    try (LoopbackServer server =
        LoopbackServer.start(new FakeInferenceService(5, Status.UNAVAILABLE))) {
      Path report = dir.resolve("r.json");
      Outcome outcome = CommandRunner.run("--insecure", "--model", "digits_mlp", "-n", "20",
          "-c", "2", "--name", "shape", "--tags", "{\"env\":\"ci\"}", "-m",
          "{\"x-a\":\"b\"}", "--batch-size", "2", "-O", "json", "-o", report.toString(),
          server.target());
      assertThat(outcome.exitCode()).as(outcome.err()).isZero();
      json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    }

    List<String> keys = new ArrayList<>(json.keySet());
    assertThat(keys).containsExactlyElementsOf(withConvoyLast(REPORT_KEYS));
    OffsetDateTime.parse(json.get("date").getAsString());
    assertThat(json.get("endReason").getAsString()).isEqualTo("normal");
    for (String integer : List.of("count", "total", "average", "fastest", "slowest")) {
      assertThat(isInteger(json.get(integer))).as(integer).isTrue();
    }
    assertThat(json.get("rps").getAsDouble()).isPositive();
    assertThat(json.getAsJsonObject("errorDistribution").get(
        "rpc error: code = Unavailable desc = " + FakeInferenceService.FAILURE_DESCRIPTION)
        .getAsInt()).isEqualTo(4);
    assertThat(json.getAsJsonObject("statusCodeDistribution").keySet())
        .containsExactly("OK", "Unavailable");

    List<Integer> percentages = new ArrayList<>();
    json.getAsJsonArray("latencyDistribution").forEach(e -> {
      JsonObject p = e.getAsJsonObject();
      assertThat(p.keySet()).containsExactly("percentage", "latency");
      assertThat(isInteger(p.get("latency"))).isTrue();
      percentages.add(p.get("percentage").getAsInt());
    });
    assertThat(percentages).containsExactly(10, 25, 50, 75, 90, 95, 99);
    assertThat(json.getAsJsonArray("histogram")).hasSize(11);
    JsonObject bucket = json.getAsJsonArray("histogram").get(0).getAsJsonObject();
    assertThat(bucket.keySet()).containsExactly("mark", "count", "frequency");
    assertThat(bucket.get("mark").getAsDouble()).isLessThan(20.0); // seconds, not nanoseconds
    assertThat(json.getAsJsonArray("details")).hasSize(20);
    JsonObject detail = json.getAsJsonArray("details").get(0).getAsJsonObject();
    assertThat(detail.keySet()).containsExactly("timestamp", "latency", "error", "status");
    OffsetDateTime.parse(detail.get("timestamp").getAsString());

    JsonObject options = json.getAsJsonObject("options");
    List<String> optionKeys = new ArrayList<>(options.keySet());
    assertThat(OPTION_KEYS).containsSubsequence(optionKeys);
    assertThat(optionKeys).contains("call", "host", "insecure", "load-schedule", "concurrency",
        "total", "connections", "timeout", "dial-timeout", "metadata", "binary", "CPUs", "name");
    assertThat(options.get("call").getAsString())
        .isEqualTo("inference.GRPCInferenceService.ModelInfer");
    assertThat(options.get("timeout").getAsLong()).isEqualTo(20_000_000_000L);
    assertThat(options.getAsJsonObject("metadata").get("x-a").getAsString()).isEqualTo("b");
    assertThat(json.getAsJsonObject("tags").get("env").getAsString()).isEqualTo("ci");

    JsonObject convoy = json.getAsJsonObject("convoy").getAsJsonObject("options");
    assertThat(convoy.get("model").getAsString()).isEqualTo("digits_mlp");
    assertThat(convoy.get("batch-size").getAsInt()).isEqualTo(2);
    assertThat(options.has("model")).isFalse();
  }

  private static List<String> withConvoyLast(List<String> keys) {
    List<String> all = new ArrayList<>(keys);
    all.add("convoy");
    return all;
  }

  private static boolean isInteger(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()
        && e.getAsString().matches("-?\\d+");
  }
}
