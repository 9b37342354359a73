package dev.convoy.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryReportTest {

  @Test
  void write_closedLoop_ghzSectionsAndNinetyNinePointNine() throws Exception {
    StringBuilder out = new StringBuilder();

    ReportFormat.SUMMARY.writer().write(
        new RunReport(Results.tenCalls(0), "smoke", Instant.now(), Map.of(), Map.of(), Map.of()), out);

    assertThat(out.toString())
        .contains("Summary:\n", "  Name:\t\tsmoke\n", "  Count:\t10\n", "  Total:\t55.00 ms\n",
            "  Slowest:\t9.00 ms\n", "  Fastest:\t1.00 ms\n", "  Average:\t5.50 ms\n",
            "  Requests/sec:\t181.82\n", "Response time histogram:\n", "|∎",
            "Latency distribution:\n", "  10 % in 1.00 ms\n", "  99.9 % in 9.00 ms\n",
            "Status code distribution:\n", "[OK]            8 responses",
            "[Unavailable]   2 responses", "Error distribution:\n", "  [2]   " + Results.ERROR)
        .doesNotContain("corrected");
  }

  @Test
  void write_openLoop_bothDistributionsLabelled() throws Exception {
    StringBuilder out = new StringBuilder();

    ReportFormat.SUMMARY.writer().write(RunReport.of(Results.tenCalls(1000)), out);

    assertThat(out.toString()).contains(
        "Latency distribution (uncorrected, from the actual send time):",
        "Latency distribution (corrected for coordinated omission, from the intended send time):",
        "Target rate:\t1000.00 calls/s (open loop)");
  }
}
