package dev.convoy.telemetry.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own linter, {@code promtool check metrics}, run on an exposition: what the
 * Prometheus project flags (names, units, suffixes, help, format). Absent where promtool is not
 * installed (Debian package {@code prometheus}); tests skip then, saying so.
 */
public final class Promtool {
  /** Why a test skips where {@link #onPath()} is empty. */
  public static final String MISSING = "promtool is not on PATH (Debian package 'prometheus' installs it)";

  private final Path executable;

  private Promtool(Path executable) {
    this.executable = executable;
  }

  public static Optional<Promtool> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable).findFirst().map(Promtool::new);
  }

  /** promtool's verdict: its exit status and one line per problem it reports. */
  public record Verdict(int exitCode, List<String> problems) {}

  public Verdict checkMetrics(String exposition) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(executable.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish in 30 s");
    }
    return new Verdict(process.exitValue(), output.lines().filter(line -> !line.isBlank()).toList());
  }
}
