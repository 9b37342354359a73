package dev.convoy.loadtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The CPU time the JIT compiler threads of the target processes have used, read from Linux's
 * {@code /proc/PID/task/TID}: {@code comm} names HotSpot's compiler threads
 * ({@code C1 CompilerThre}, {@code C2 CompilerThre}, cut to 15 characters) and {@code stat}
 * counts each thread's user and system time in clock ticks. Where there is no such tree
 * (another OS, a process gone) it reads nothing, and warm-ups go by throughput alone.
 */
final class CompilerThreads {
  /** Linux's USER_HZ: the unit of stat's times, fixed at 100 by its user-space ABI. */
  private static final long TICKS_PER_SECOND = 100;
  private static final String COMPILER = "CompilerThre";
  /** stat's utime and stime, counted from the field after the command's closing parenthesis. */
  private static final int UTIME = 11;
  private static final int STIME = 12;

  private final Path proc;

  CompilerThreads(Path proc) {
    this.proc = proc;
  }

  /** The running system's threads. */
  static CompilerThreads system() {
    return new CompilerThreads(Path.of("/proc"));
  }

  /** CPU time so far, in ticks, of each compiler thread of {@code pids}, keyed "pid/tid". */
  Map<String, Long> ticks(Collection<Long> pids) {
    Map<String, Long> ticks = new HashMap<>();
    for (long pid : pids) {
      Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
      try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
        for (Path thread : threads) {
          compilerTicks(thread).ifPresent(used -> ticks.put(pid + "/" + thread.getFileName(), used));
        }
      } catch (IOException e) {
        // No task tree (not Linux, or the process ended): nothing to count for it.
      }
    }
    return ticks;
  }

  /**
   * The CPU time compiler threads used between two readings of {@link #ticks}; a thread new in
   * {@code after} counts from zero, one that ended meanwhile is left out.
   */
  static Duration between(Map<String, Long> before, Map<String, Long> after) {
    long ticks = 0;
    for (Map.Entry<String, Long> thread : after.entrySet()) {
      ticks += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
    }
    return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
  }

  /** The thread's ticks, or none when it is not a compiler thread or could not be read. */
  private static OptionalLong compilerTicks(Path thread) {
    try {
      if (!Files.readString(thread.resolve("comm"), StandardCharsets.US_ASCII).contains(COMPILER)) {
        return OptionalLong.empty();
      }
      String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      return OptionalLong.of(Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]));
    } catch (IOException | RuntimeException e) {
      // The thread ended between listing and reading, or its stat is not Linux's.
      return OptionalLong.empty();
    }
  }
}
