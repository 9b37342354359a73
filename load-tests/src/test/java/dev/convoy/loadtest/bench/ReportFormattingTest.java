package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFormattingTest {

  private static final List<RowResult> ROWS = List.of(
      Rows.measured("inproc-b1", 1, 50_000, 10),
      RowResult.measured(Rows.spec("served-c64"),
          Rows.measurement(1, 12_345, 1500, Rows.batches(32, 300, 16, 100))),
      RowResult.notRun(Rows.spec("batched-c1"), "server did not load digits_mlp: bad field"));

  private static final List<Comparison> COMPARISONS = List.of(
      Comparison.ratio("served / in-process", "served-c64", "inproc-b1", Metric.ROWS_PER_SECOND),
      Comparison.ratio("p99 served / in-process", "served-c64", "inproc-b1", Metric.P99),
      Comparison.difference("p50 batched - served", "batched-c1", "served-c64", Metric.P50)
          .withNote("vs max_queue_delay 1000 µs"),
      Comparison.ratio("gain", "served-c64", "inproc-b1", Metric.ROWS_PER_SECOND)
          .withGoalAtLeast(4));

  private static BenchReport report() {
    Map<String, RowResult> byId = new HashMap<>();
    ROWS.forEach(r -> byId.put(r.id(), r));
    return new BenchReport(
        new RunConfiguration(List.of(new RunConfiguration.Setting("date", "2026-11-26T00:00:00Z"),
            new RunConfiguration.Setting("command", "convoy-bench -z 3s"),
            new RunConfiguration.Setting("durations", "each row 3.00 s"))),
        ROWS, COMPARISONS.stream().map(c -> c.evaluate(byId)).toList());
  }

  @Test
  void text_rowsTable_alignedWithUnitsBatchesBaselineAndNotRunReason() {
    String text = BenchReportFormats.text(report());
    List<String> lines = text.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("id ")).findFirst()
        .orElseThrow());

    String served = lines.get(header + 3);
    assertThat(served).startsWith("served-c64").contains("12,345", "1.50 ms", "3.00 ms",
        "6.00 ms", "12.0 ms", "avg 28.0 (mode 32)", "0.25x inproc-b1");
    assertThat(lines.get(header + 2)).contains("50,000", "10.0 µs", "80.0 µs");
    assertThat(lines.get(header + 4)).startsWith("batched-c1")
        .endsWith("not run: server did not load digits_mlp: bad field");
    // Right-aligned numbers: every rows/s cell ends in the same column as its header.
    int end = lines.get(header).indexOf("rows/s") + "rows/s".length();
    assertThat(lines.get(header + 2).substring(0, end)).endsWith("50,000");
    assertThat(served.substring(0, end)).endsWith("12,345");
  }

  @Test
  void text_ratios_valuesNotesVerdictsAndMissing() {
    String text = BenchReportFormats.text(report());

    assertThat(text).contains("Configuration\n  date: 2026-11-26T00:00:00Z\n");
    assertThat(text)
        .containsPattern("served / in-process +rows/s +0\\.25x +served-c64 / inproc-b1");
    assertThat(text).containsPattern("p99 served / in-process +p99 +150x");
    assertThat(text).containsPattern("p50 batched - served +p50 +n/a +batched-c1 - served-c64 +"
        + "vs max_queue_delay 1000 µs; batched-c1 did not run");
    assertThat(text).contains("below goal >= 4.00x");
  }

  @Test
  void markdown_tablesWithRightAlignedNumbersAndTheCommand() {
    String markdown = BenchReportFormats.markdown(report());

    assertThat(markdown).startsWith("# Convoy benchmark suite, 2026-11-26T00:00:00Z\n")
        .contains("`convoy-bench -z 3s`", "each row 3.00 s")
        .contains("| id | scenario | configuration | rows/s | req/s |")
        .contains("| --- | --- | --- | ---: | ---: |")
        .contains("| batched-c1 | scenario of batched-c1 | config of batched-c1 | - |");
  }

  @Test
  void json_numbersInNanosAndNullForMissing() {
    JsonObject json = JsonParser.parseString(BenchReportFormats.json(report())).getAsJsonObject();

    JsonObject served = json.getAsJsonArray("rows").get(1).getAsJsonObject();
    assertThat(served.get("p50Nanos").getAsLong()).isEqualTo(1_500_000);
    assertThat(served.get("rowsPerSecond").getAsDouble()).isEqualTo(12_345.0);
    assertThat(served.getAsJsonObject("batch").get("mostFrequent").getAsLong()).isEqualTo(32);
    assertThat(json.getAsJsonArray("rows").get(2).getAsJsonObject().get("notRun").getAsString())
        .contains("bad field");
    JsonObject missing = json.getAsJsonArray("comparisons").get(2).getAsJsonObject();
    assertThat(missing.get("value").isJsonNull()).isTrue();
  }

  @Test
  void formats_latencyRateAndRatio_threeSignificantDigits() {
    assertThat(Formats.latency(512)).isEqualTo("512 ns");
    assertThat(Formats.latency(812_400)).isEqualTo("812 µs");
    assertThat(Formats.latency(1_234_000)).isEqualTo("1.23 ms");
    assertThat(Formats.signedLatency(-12_000)).isEqualTo("-12.0 µs");
    assertThat(Formats.rate(42.25)).isEqualTo("42.3");
    assertThat(Formats.rate(1_234_567.8)).isEqualTo("1,234,568");
    assertThat(Formats.ratio(4.213)).isEqualTo("4.21x");
    assertThat(Formats.ratio(0.001853)).isEqualTo("0.00185x");
    assertThat(Formats.ratio(26.85)).isEqualTo("26.9x");
  }
}
