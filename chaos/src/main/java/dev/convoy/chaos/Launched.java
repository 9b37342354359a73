package dev.convoy.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Convoy server or router in its own JVM, started from its runnable jar on an ephemeral
 * loopback port. Its log is read continuously (so it never blocks on a full pipe), watched for
 * the line that gives its port and for any OutOfMemoryError.
 */
final class Launched implements AutoCloseable {
  private static final Pattern SERVER_READY = Pattern.compile("ready on port (\\d+)");
  private static final Pattern ROUTER_LISTENING = Pattern.compile("listening on [^ ]+:(\\d+);");
  private static final long START_TIMEOUT_SECONDS = 120;

  private final String name;
  private final Process process;
  private final int port;
  private final AtomicBoolean outOfMemory = new AtomicBoolean();

  private Launched(String name, List<String> command, Pattern portLine) {
    this.name = name;
    try {
      this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    CompletableFuture<Integer> announced = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(portLine, announced), name + "-log");
    reader.setDaemon(true);
    reader.start();
    try {
      this.port = announced.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not come up", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting " + name, e);
    }
  }

  /** An inference server over {@code repository}; {@code heap} e.g. {@code 512m}. */
  static Launched server(Path root, Path repository, String heap, String... extra) {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-jar",
        root.resolve("inference-server/target/convoy-inference-server.jar").toString(),
        "--model-repository", repository.toString(), "--host", "127.0.0.1", "--port", "0",
        "--metrics-port", "-1", "--shutdown-grace", "PT2S"));
    command.addAll(List.of(extra));
    return new Launched("server", command, SERVER_READY);
  }

  /**
   * A router over the given backend ports, probing every second. Ejection back-off is capped at
   * 5 s (the default cap is 2 min), so a backend that hung and came back is routable again
   * within the suite's bounded wait however often it was ejected meanwhile.
   */
  static Launched router(Path root, int... backendPorts) {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar",
        root.resolve("router/target/convoy-router.jar").toString(),
        "--host", "127.0.0.1", "--port", "0", "--metrics-port", "-1",
        "--set", "probe.interval=1s", "--set", "probe.timeout=900ms", "--set", "shutdown.grace=2s",
        "--set", "ejection.max=5s"));
    for (int port : backendPorts) {
      command.addAll(List.of("--backend", "127.0.0.1:" + port));
    }
    return new Launched("router", command, ROUTER_LISTENING);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Whether the process has logged an OutOfMemoryError. */
  boolean ranOutOfMemory() {
    return outOfMemory.get();
  }

  /** SIGSTOP: the process hangs, its sockets stay open. */
  void pause() {
    signal("-STOP");
  }

  /** SIGCONT. */
  void resume() {
    signal("-CONT");
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      resume();
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read(Pattern portLine, CompletableFuture<Integer> announced) {
    try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = log.readLine(); line != null; line = log.readLine()) {
        Matcher m = portLine.matcher(line);
        if (!announced.isDone() && m.find()) {
          announced.complete(Integer.parseInt(m.group(1)));
        }
        if (line.contains("OutOfMemoryError")) {
          outOfMemory.set(true);
        }
        if (System.getProperty("convoy.chaos.verbose") != null) {
          System.out.println("[" + name + "] " + line);
        }
      }
    } catch (IOException e) {
      // The process went away; nothing more to read.
    }
    announced.completeExceptionally(new IllegalStateException(name + " exited before announcing its port"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
