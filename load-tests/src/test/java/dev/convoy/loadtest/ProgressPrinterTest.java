package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.engine.Progress;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void bar_halfway_halfFilledWithCounts() {
    String bar = ProgressPrinter.bar(new Progress(100, 3, false, 2_000_000_000L, 0.5));

    assertThat(bar).startsWith("[==============>               ]  50%")
        .endsWith("100 calls, 3 errors, 2.0 s");
  }

  @Test
  void bar_done_fullyFilled() {
    assertThat(ProgressPrinter.bar(new Progress(10, 0, false, 1, 1.0)))
        .startsWith("[" + "=".repeat(30) + "] 100%");
  }

  @Test
  void line_running_countsAndRate() {
    assertThat(ProgressPrinter.line(new Progress(500, 2, false, 5_000_000_000L, 0.5)))
        .isEqualTo("5.0 s: 500 calls, 2 errors, 100.0 calls/s");
  }

  @Test
  void line_warmingUp_saysSo() {
    assertThat(ProgressPrinter.line(new Progress(0, 0, true, 0, 0))).isEqualTo("warming up...");
  }
}
