package dev.convoy.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  @Test
  void write_result_ghzFieldNamesAndNanosecondUnits() throws Exception {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("host", "localhost:8001");
    options.put("concurrency", 1);
    StringBuilder out = new StringBuilder();

    ReportFormat.JSON.writer().write(new RunReport(Results.tenCalls(0), "run",
        Instant.parse("2025-03-04T05:06:07.891Z"), options, Map.of("env", "ci"), Map.of()), out);

    JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertThat(json.keySet()).contains("name", "endReason", "options", "date", "count", "total",
        "average", "fastest", "slowest", "rps", "errorDistribution", "statusCodeDistribution",
        "latencyDistribution", "histogram", "details", "tags");
    assertThat(json.get("date").getAsString()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(json.get("endReason").getAsString()).isEqualTo("normal");
    assertThat(json.get("count").getAsLong()).isEqualTo(10);
    assertThat(json.get("total").getAsLong()).isEqualTo(55_000_000L);
    assertThat(json.get("fastest").getAsLong()).isEqualTo(1_000_000L);
    assertThat(json.getAsJsonObject("options").get("host").getAsString())
        .isEqualTo("localhost:8001");
    assertThat(json.getAsJsonObject("statusCodeDistribution").get("Unavailable").getAsInt())
        .isEqualTo(2);
    assertThat(json.getAsJsonObject("errorDistribution").get(Results.ERROR).getAsInt())
        .isEqualTo(2);
    assertThat(json.getAsJsonObject("tags").get("env").getAsString()).isEqualTo("ci");
  }

  @Test
  void write_result_latencyDistributionIsGhzsSevenIntegerPercentiles() throws Exception {
    JsonObject json = write(Results.tenCalls(0));

    JsonArray latencies = json.getAsJsonArray("latencyDistribution");
    assertThat(latencies).hasSize(7);
    assertThat(latencies.get(0).getAsJsonObject().get("percentage").toString()).isEqualTo("10");
    assertThat(latencies.get(6).getAsJsonObject().get("percentage").getAsInt()).isEqualTo(99);
    JsonArray extended =
        json.getAsJsonObject("convoy").getAsJsonArray("latencyDistribution");
    assertThat(extended.get(7).getAsJsonObject().get("percentage").getAsDouble()).isEqualTo(99.9);
  }

  @Test
  void write_result_histogramMarksInSecondsCountsSumToSuccesses() throws Exception {
    JsonArray histogram = write(Results.tenCalls(0)).getAsJsonArray("histogram");

    assertThat(histogram).hasSize(11);
    assertThat(histogram.get(0).getAsJsonObject().get("mark").getAsDouble()).isEqualTo(0.001);
    assertThat(histogram.get(10).getAsJsonObject().get("mark").getAsDouble()).isEqualTo(0.009);
    long sum = 0;
    for (var bucket : histogram) {
      sum += bucket.getAsJsonObject().get("count").getAsLong();
    }
    assertThat(sum).isEqualTo(8);
  }

  @Test
  void write_result_detailsPerCallWithRfc3339Timestamps() throws Exception {
    JsonArray details = write(Results.tenCalls(0)).getAsJsonArray("details");

    assertThat(details).hasSize(10);
    JsonObject fifth = details.get(4).getAsJsonObject();
    assertThat(fifth.keySet()).containsExactly("timestamp", "latency", "error", "status");
    assertThat(fifth.get("latency").getAsLong()).isEqualTo(5_000_000L);
    assertThat(fifth.get("status").getAsString()).isEqualTo("Unavailable");
    assertThat(fifth.get("error").getAsString()).isEqualTo(Results.ERROR);
    assertThat(Instant.parse(fifth.get("timestamp").getAsString())).isNotNull();
    assertThat(details.get(0).getAsJsonObject().get("error").getAsString()).isEmpty();
  }

  @Test
  void write_openLoop_correctedDistributionUnderConvoy() throws Exception {
    JsonObject convoy = write(Results.tenCalls(1000)).getAsJsonObject("convoy");

    assertThat(convoy.get("openLoop").getAsBoolean()).isTrue();
    assertThat(convoy.getAsJsonArray("correctedLatencyDistribution")).hasSize(8);
  }

  @Test
  void write_pretty_indented() throws Exception {
    StringBuilder out = new StringBuilder();

    ReportFormat.PRETTY.writer().write(RunReport.of(Results.tenCalls(0)), out);

    assertThat(out.toString()).startsWith("{\n  \"date\": \"");
  }

  private static JsonObject write(dev.convoy.loadtest.engine.LoadResult result) throws Exception {
    StringBuilder out = new StringBuilder();
    ReportFormat.JSON.writer().write(RunReport.of(result), out);
    return JsonParser.parseString(out.toString()).getAsJsonObject();
  }
}
