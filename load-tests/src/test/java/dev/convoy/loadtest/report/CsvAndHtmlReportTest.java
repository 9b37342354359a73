package dev.convoy.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvAndHtmlReportTest {

  @Test
  void csv_result_headerThenOneQuotedLinePerCall() throws Exception {
    StringBuilder out = new StringBuilder();

    ReportFormat.CSV.writer().write(RunReport.of(Results.tenCalls(0)), out);

    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(11);
    assertThat(lines[0]).isEqualTo("duration (ms),status,error,timestamp,corrected duration (ms)");
    assertThat(lines[1]).startsWith("1.000,OK,,2025-01-01T00:00:01Z,1.000");
    assertThat(lines[5]).startsWith(
        "5.000,Unavailable,\"rpc error: code = Unavailable desc = busy, try \"\"later\"\"\",");
  }

  @Test
  void html_result_selfContainedWithInlineSvgCharts() throws Exception {
    StringBuilder out = new StringBuilder();

    ReportFormat.HTML.writer().write(new RunReport(Results.tenCalls(1000), "<run>",
        Instant.now(), Map.of("host", "h:1"), Map.of("env", "ci"), Map.of()), out);

    String html = out.toString();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>&lt;run&gt;</title>")
        .contains("id=\"histogram\"", "id=\"over-time\"", "id=\"latency\"", "id=\"status\"",
            "id=\"errors\"", "id=\"options\"", "corrected", "env: ci")
        .doesNotContain("<script", "http://cdn", "https://");
    assertThat(html.split("<svg", -1)).hasSize(3);
    assertThat(html.split("<circle class=\"failed\"", -1).length - 1).isEqualTo(2 + 1);
  }

  @Test
  void html_noDetails_saysSoInsteadOfPlot() throws Exception {
    var result = new dev.convoy.loadtest.engine.LoadRunner(
        dev.convoy.loadtest.engine.LoadClock.system()).run(
        dev.convoy.loadtest.engine.LoadOptions.closedLoop(1, 3),
        (w, i) -> dev.convoy.loadtest.engine.CallOutcome.ok());
    StringBuilder out = new StringBuilder();

    ReportFormat.HTML.writer().write(RunReport.of(result), out);

    assertThat(out.toString()).contains("No per-call details were recorded.");
  }
}
