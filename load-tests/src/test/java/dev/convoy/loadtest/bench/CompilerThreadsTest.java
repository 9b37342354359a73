package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsTest {
  @TempDir
  Path proc;

  @Test
  void ticks_countsOnlyCompilerThreads_userPlusSystemTime() throws IOException {
    thread(41, 41, "java", 500, 20);
    thread(41, 52, "C2 CompilerThre", 1_234, 6);
    thread(41, 53, "C1 CompilerThre", 300, 1);
    thread(41, 60, "grpc-default-wo", 9_000, 900);

    Map<String, Long> ticks = new CompilerThreads(proc).ticks(List.of(41L));

    assertThat(ticks).containsOnly(Map.entry("41/52", 1_240L), Map.entry("41/53", 301L));
  }

  @Test
  void ticks_processWithoutATaskTree_readsNothing() {
    assertThat(new CompilerThreads(proc).ticks(List.of(7L))).isEmpty();
  }

  @Test
  void ticks_threadNameWithParentheses_parsedFromTheLastParenthesis() throws IOException {
    thread(41, 52, "C2 CompilerThre", 10, 2);
    Files.writeString(proc.resolve("41/task/52/stat"),
        "52 (C2 Compiler) (x)) S 1 41 41 0 -1 4194624 1 0 0 0 10 2 0 0 20 0 30 0 100 1 1 1");

    assertThat(new CompilerThreads(proc).ticks(List.of(41L))).containsOnly(Map.entry("41/52", 12L));
  }

  @Test
  void between_newThreadsCountFromZero_endedThreadsLeftOut() {
    Map<String, Long> before = Map.of("41/52", 100L, "41/53", 40L);
    Map<String, Long> after = Map.of("41/52", 130L, "41/70", 5L);

    assertThat(CompilerThreads.between(before, after)).isEqualTo(Duration.ofMillis(350));
  }

  /** A /proc/PID/task/TID entry as Linux writes it: comm with a newline, stat's 52 fields. */
  private void thread(int pid, int tid, String name, long userTicks, long systemTicks) throws IOException {
    Path task = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
    Files.writeString(task.resolve("comm"), name + "\n");
    Files.writeString(task.resolve("stat"), tid + " (" + name + ") S 1 " + pid + " " + pid
        + " 0 -1 4194624 1 0 0 0 " + userTicks + " " + systemTicks
        + " 0 0 20 0 30 0 100 1 1 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
  }
}
