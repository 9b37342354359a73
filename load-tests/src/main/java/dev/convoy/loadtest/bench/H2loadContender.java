package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * h2load (nghttp2's load generator, a C program) against a target, as an independent check of
 * the load tester's own ceiling: one HTTP/2 connection with {@code concurrency} streams in
 * flight, each POSTing the same gRPC-framed batch-1 ModelInfer request (the first data row's).
 * h2load counts HTTP 200s only and gRPC failures are 200s too, so the same bytes are sent once
 * with convoy-load's client before and after, and must be answered OK. h2load reports no
 * percentiles: the row's latencies are blank.
 *
 * @param target the process called
 * @param model the model asked for
 * @param concurrency streams in flight
 */
record H2loadContender(Target target, String model, int concurrency) implements Contender {

  static final String EXECUTABLE = "h2load";
  private static final String PATH = "/inference.GRPCInferenceService/ModelInfer";
  private static final Pattern RATE = Pattern.compile("finished in [0-9.]+m?s, ([0-9.]+) req/s");
  private static final Pattern REQUESTS = Pattern.compile("requests: \\d+ total, \\d+ started,"
      + " (\\d+) done, (\\d+) succeeded, (\\d+) failed");
  private static final Pattern STATUS_2XX = Pattern.compile("status codes: (\\d+) 2xx");

  @Override
  public List<Target> targets() {
    return List.of(target);
  }

  @Override
  public Side open(BenchContext context) throws Exception {
    Path executable = installed().orElseThrow(() -> new NotRunException(
        EXECUTABLE + " is not installed (Debian package nghttp2-client)"));
    RunningTarget running = context.targets().get(target);
    GrpcLoadCall check = context.inferCall(running.channels(), model);
    byte[] message = context.requests(model).get(0).toByteArray();
    Path body = Files.createTempFile("convoy-bench-h2load-", ".bin");
    Files.write(body, grpcFrame(message));
    body.toFile().deleteOnExit();
    H2loadSide side = new H2loadSide(context, executable, body, running, check);
    side.checkAnswers();
    return side;
  }

  /** h2load on the PATH, if there. */
  static Optional<Path> installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, EXECUTABLE);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The gRPC length-prefixed message: no compression flag, 4-byte big-endian length. */
  static byte[] grpcFrame(byte[] message) {
    return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length)
        .put(message).array();
  }

  /**
   * One h2load run's counts, from its summary: requests done with an HTTP 200 are successes,
   * every other request done a failure; the time is the one its rate is over (the main
   * duration).
   */
  record Run(long succeeded, long failed, double seconds) {
    static Run parse(String output, Duration asked) throws NotRunException {
      Matcher rate = RATE.matcher(output);
      Matcher requests = REQUESTS.matcher(output);
      Matcher ok = STATUS_2XX.matcher(output);
      if (!rate.find() || !requests.find() || !ok.find()) {
        throw new NotRunException("cannot read h2load's summary: " + lastLines(output));
      }
      long done = Long.parseLong(requests.group(1));
      long succeeded = Math.min(Long.parseLong(requests.group(2)), Long.parseLong(ok.group(1)));
      // h2load's failed (errored and timed-out included) are among those done.
      long failed = done - succeeded;
      double perSecond = Double.parseDouble(rate.group(1));
      double seconds = perSecond > 0 ? done / perSecond : asked.toNanos() / 1e9;
      return new Run(succeeded, Math.max(0, failed), seconds);
    }

    private static String lastLines(String output) {
      List<String> lines = output.lines().toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
  }

  private final class H2loadSide implements Side {
    private final BenchContext context;
    private final Path executable;
    private final Path body;
    private final RunningTarget running;
    private final GrpcLoadCall check;
    private final List<Run> runs = new ArrayList<>();

    H2loadSide(BenchContext context, Path executable, Path body, RunningTarget running,
        GrpcLoadCall check) {
      this.context = context;
      this.executable = executable;
      this.body = body;
      this.running = running;
      this.check = check;
    }

    void checkAnswers() throws Exception {
      LoadResult once = context.runner().run(LoadOptions.closedLoop(1, 1), check);
      if (once.okCount() != 1) {
        throw new NotRunException("the request h2load sends is not answered OK: "
            + once.errorCounts().keySet());
      }
    }

    @Override
    public void warmUp() throws Exception {
      if (!context.settings().warmup().isZero()) {
        run(context.settings().warmup());
      }
    }

    @Override
    public void slice(Duration duration) throws Exception {
      runs.add(run(duration));
    }

    @Override
    public Measurement measurement() throws Exception {
      checkAnswers();
      long ok = runs.stream().mapToLong(Run::succeeded).sum();
      long failed = runs.stream().mapToLong(Run::failed).sum();
      double seconds = runs.stream().mapToDouble(Run::seconds).sum();
      return Measurement.countsOnly(ok, failed, seconds,
          failed == 0 ? "" : "h2load: requests without an HTTP 200");
    }

    private Run run(Duration duration) throws Exception {
      List<String> command = List.of(executable.toString(), "-c", "1", "-t", "1",
          "-m", Integer.toString(concurrency), "-D", Math.max(1, duration.toMillis()) + "ms",
          "-d", body.toString(), "-H", "content-type: application/grpc", "-H", "te: trailers",
          "http://" + TargetLauncher.LOOPBACK + ":" + running.port() + PATH);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try {
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
          throw new NotRunException("h2load did not finish");
        }
      } catch (IOException | InterruptedException e) {
        process.destroyForcibly();
        throw e;
      }
      return Run.parse(output, duration);
    }
  }
}
