package dev.convoy.batch;

import dev.convoy.batch.input.InputFormat;
import dev.convoy.batch.job.BatchJob;
import dev.convoy.batch.job.JobSettings;
import dev.convoy.batch.job.InputSpec;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelConfigRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code convoy-batch} command line. */
@Command(name = "convoy-batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Streams a CSV or JSONL file through a model over ModelStreamInfer into a JSONL file, resumably.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every row is in the output", "1:every row is done, some are in the errors file",
        "2:could not run, or stopped before the end (interrupted, server gone): rerun the same command to resume"})
public final class Main implements Callable<Integer> {
  static final int ALL_DONE = 0;
  static final int SOME_FAILED = 1;
  static final int NOT_DONE = 2;

  @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server or router.")
  private String target;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
      description = "CSV (header line; 'label' columns skipped, an 'id' column kept) or JSONL of ModelInferRequest.")
  private Path input;

  @Option(names = "--format", description = "csv or jsonl (default: from the input's extension).")
  private String format;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Results, JSONL, one line per row.")
  private Path output;

  @Option(names = "--errors", paramLabel = "FILE",
      description = "Failed rows, JSONL (default: the output's name with .errors.jsonl).")
  private Path errors;

  @Option(names = {"-m", "--model"}, defaultValue = "", description = "Model for CSV rows, and JSONL requests naming none.")
  private String model;

  @Option(names = "--model-version", defaultValue = "", description = "Model version (default: the server's).")
  private String modelVersion;

  @Option(names = "--rows-per-request", defaultValue = "0",
      description = "CSV rows per request (default: the model's max_batch_size).")
  private int rowsPerRequest;

  @Option(names = "--in-flight-rows", defaultValue = "1024", description = "Rows sent and not yet written, at most (default ${DEFAULT-VALUE}).")
  private int inFlightRows;

  @Option(names = "--streams", defaultValue = "1", description = "ModelStreamInfer streams (default ${DEFAULT-VALUE}).")
  private int streams;

  @Option(names = "--retries", defaultValue = "5",
      description = "Retries of a request answered UNAVAILABLE or RESOURCE_EXHAUSTED (default ${DEFAULT-VALUE}).")
  private int retries;

  @Option(names = "--backoff", defaultValue = "100ms", converter = DurationConverter.class,
      description = "Wait before the first retry, doubled for each next (default ${DEFAULT-VALUE}).")
  private Duration backoff;

  @Option(names = "--max-backoff", defaultValue = "5s", converter = DurationConverter.class,
      description = "Longest wait between retries (default ${DEFAULT-VALUE}).")
  private Duration maxBackoff;

  @Option(names = "--deadline", defaultValue = "30s", converter = DurationConverter.class,
      description = "Deadline of each request (default ${DEFAULT-VALUE}).")
  private Duration deadline;

  @Option(names = "--commit-every", defaultValue = "1s", converter = DurationConverter.class,
      description = "How often output is fsynced and the checkpoint written (default ${DEFAULT-VALUE}).")
  private Duration commitEvery;

  @Option(names = "--progress", defaultValue = "auto",
      description = "bar, lines, none, or auto: a bar on a terminal, lines otherwise (default ${DEFAULT-VALUE}).")
  private String progress;

  @Option(names = "--progress-interval", defaultValue = "10s", converter = DurationConverter.class,
      description = "Time between progress lines (default ${DEFAULT-VALUE}).")
  private Duration progressInterval;

  @Option(names = "--insecure", description = "Plaintext (no TLS).")
  private boolean insecure;

  @Option(names = "--cacert", paramLabel = "FILE", description = "CA certificates (PEM) to trust.")
  private Path caCert;

  @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (PEM), for mTLS.")
  private Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Client private key (PEM), for mTLS.")
  private Path key;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding a bearer token, sent on every call as 'authorization: Bearer <token>'.")
  private Path tokenFile;

  private final PrintStream out;
  private final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    JobSettings settings;
    Connection connection;
    try {
      settings = settings();
      connection = new Connection(target, insecure, caCert, cert, key, Connection.readToken(tokenFile));
    } catch (IllegalArgumentException e) {
      err.println("convoy-batch: " + e.getMessage());
      return NOT_DONE;
    }
    ManagedChannel channel = connection.open();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "convoy-batch-timer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      return run(settings, channel, timer);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("convoy-batch: " + e.getMessage());
      return NOT_DONE;
    } finally {
      channel.shutdownNow();
      timer.shutdownNow();
    }
  }

  private int run(JobSettings settings, ManagedChannel channel, ScheduledExecutorService timer)
      throws IOException, InterruptedException {
    InputSpec inputSpec = settings.format() == InputFormat.CSV ? inputSpec(channel) : null;
    long total = settings.format().countRows(settings.input());
    Progress shown = progress();
    BatchJob job = new BatchJob(settings, channel, inputSpec, timer, System::nanoTime,
        shown == null ? (done, doneThisRun, rows, nanos) -> { } : shown);
    CountDownLatch reported = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> {
      job.stop("interrupted");
      try {
        reported.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(NOT_DONE);
    }, "convoy-batch-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      BatchJob.Result result = job.run(total);
      if (shown != null) {
        shown.finish();
      }
      return report(settings, result);
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook exits with NOT_DONE now that the report is out.
      }
    }
  }

  private JobSettings settings() {
    InputFormat inputFormat = format == null ? InputFormat.of(input) : parseFormat(format);
    Path errorsFile = errors != null ? errors : sibling(output, ".errors.jsonl");
    return new JobSettings(input, inputFormat, output, errorsFile, sibling(output, ".checkpoint"), model, modelVersion,
        rowsPerRequest, inFlightRows, streams, retries, backoff, maxBackoff, deadline, commitEvery);
  }

  private static InputFormat parseFormat(String name) {
    try {
      return InputFormat.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be csv or jsonl, got '" + name + "'");
    }
  }

  /** {@code out.jsonl} -> {@code out<suffix>}; other names get the suffix appended. */
  static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    return file.resolveSibling(stem + suffix);
  }

  private InputSpec inputSpec(ManagedChannel channel) {
    try {
      return InputSpec.of(GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
          .modelConfig(ModelConfigRequest.newBuilder().setName(model).setVersion(modelVersion).build())
          .getConfig(), modelVersion);
    } catch (StatusRuntimeException e) {
      throw new IllegalStateException("cannot read the configuration of model '" + model + "' from " + target
          + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription(), e);
    }
  }

  private Progress progress() {
    boolean bar = switch (progress) {
      case "bar" -> true;
      case "lines" -> false;
      case "none" -> false;
      case "auto" -> System.console() != null;
      default -> throw new IllegalArgumentException("--progress must be auto, bar, lines or none");
    };
    return progress.equals("none") ? null : new Progress(err, bar, progressInterval.toNanos());
  }

  private int report(JobSettings settings, BatchJob.Result result) {
    double seconds = result.elapsedNanos() / 1e9;
    out.printf("convoy-batch: %,d rows ok -> %s; %,d failed -> %s; this run %,d rows in %.1f s (%,.0f rows/s)%n",
        result.rowsOk(), settings.output(), result.rowsFailed(), settings.errors(), result.rowsThisRun(), seconds,
        seconds > 0 ? result.rowsThisRun() / seconds : 0);
    if (!result.complete()) {
      out.println("convoy-batch: stopped before the end: " + result.stopped()
          + "; rerun the same command to resume");
      return NOT_DONE;
    }
    return result.rowsFailed() == 0 ? ALL_DONE : SOME_FAILED;
  }

  /** Runs the command; the exit code as {@link #main} would exit with. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine command = new CommandLine(new Main(out, err));
    command.setOut(new java.io.PrintWriter(out, true));
    command.setErr(new java.io.PrintWriter(err, true));
    command.setExitCodeExceptionMapper(e -> NOT_DONE);
    return command.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }
}
