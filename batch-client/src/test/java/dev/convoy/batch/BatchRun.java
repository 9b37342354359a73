package dev.convoy.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Runs convoy-batch in this JVM or as its own process, and watches its checkpoint. */
final class BatchRun {
  private BatchRun() {}

  /** @return the exit code; the output printed goes to {@code log} */
  static int inProcess(StringBuilder log, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = Main.run(print, print, args);
    log.append(bytes.toString(StandardCharsets.UTF_8));
    return code;
  }

  /** The client in its own JVM with a small heap: a job's memory must not grow with its input. */
  static Process process(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits (up to a minute) until the checkpoint says at least {@code rows} rows are done. */
  static long awaitCheckpointRows(Path checkpoint, long rows, Process process) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      long done = checkpointRows(checkpoint);
      if (done >= rows) {
        return done;
      }
      if (process != null && !process.isAlive()) {
        throw new AssertionError("the client ended (exit " + process.exitValue() + ") at row " + done);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("checkpoint still at row " + done + " after a minute");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  static long checkpointRows(Path checkpoint) throws IOException {
    try {
      return dev.convoy.batch.output.Checkpoint.read(checkpoint).map(c -> c.nextRow()).orElse(0L);
    } catch (IOException e) {
      return 0; // being replaced right now: read again
    }
  }

  static String log(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
