package dev.convoy.loadtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target's JVM, started by the bench: its standard output and error go to a log file (read
 * back for the port it reports and for the reason it failed), and it is stopped with the bench,
 * by {@link #close()} or, if the bench dies first, by a shutdown hook.
 */
final class TargetProcess implements AutoCloseable {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Thread REAPER = new Thread(TargetProcess::killAll, "convoy-bench-reaper");
  private static final long STOP_SECONDS = 10;
  private static final int LOG_TAIL_LINES = 6;

  static {
    Runtime.getRuntime().addShutdownHook(REAPER);
  }

  private final String name;
  private final Process process;
  private final Path log;

  private TargetProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with the environment changed by {@code environment} (a null value
   * removes the variable).
   */
  static TargetProcess start(String name, List<String> command, Map<String, String> environment)
      throws NotRunException {
    try {
      Path log = Files.createTempFile("convoy-bench-" + name + "-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      environment.forEach((key, value) -> {
        if (value == null) {
          builder.environment().remove(key);
        } else {
          builder.environment().put(key, value);
        }
      });
      Process process = builder.start();
      LIVE.add(process);
      return new TargetProcess(name, process, log);
    } catch (IOException e) {
      throw new NotRunException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The first group of the first log line {@code pattern} matches, if any yet. */
  Optional<String> find(Pattern pattern) {
    Matcher matcher = pattern.matcher(logText());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The last group of the last log line {@code pattern} matches, if any yet. */
  Optional<String> findLast(Pattern pattern) {
    Matcher matcher = pattern.matcher(logText());
    String last = null;
    while (matcher.find()) {
      last = matcher.group(1);
    }
    return Optional.ofNullable(last);
  }

  /** Why it is not usable: its exit code if it ended, and the end of its log. */
  String describeFailure() {
    String state = process.isAlive() ? "still running" : "exited with " + process.exitValue();
    List<String> lines = logText().lines().toList();
    List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    return name + " " + state + (tail.isEmpty() ? "" : "; log: " + String.join(" | ", tail));
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Asks the process to stop (SIGTERM: its shutdown hooks run), then kills it if it lingers. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(process);
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // A temporary file left behind is harmless.
      }
    }
  }

  private static void killAll() {
    for (Process process : LIVE) {
      process.destroyForcibly();
    }
  }
}
