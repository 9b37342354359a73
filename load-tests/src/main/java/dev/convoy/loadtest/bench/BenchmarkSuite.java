package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.GoDurations;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.input.RowsCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code convoy-bench}: runs the selected scenario rows side by side and prints the table.
 * Exit codes: 0 when the suite ran (rows that could not run are reported in the table), 1 when
 * it could not start (missing repository or rows file, unwritable output), 2 for a usage error.
 */
@Command(name = "convoy-bench", sortOptions = false,
    description = "Runs Convoy's benchmark scenarios side by side in one run and prints"
        + " throughput, HdrHistogram percentiles and the ratios between rows.")
public final class BenchmarkSuite implements Callable<Integer> {

  @Option(names = {"-s", "--scenario"}, split = ",", defaultValue = Scenarios.ALL,
      paramLabel = "NAME", description = "Groups (inprocess, served, batching, router, tracing,"
          + " stream, tls),"
          + " row ids"
          + " or id globs (batch-wide-*), comma-separated; default: all. See --list.")
  private List<String> scenarios;

  @Option(names = "--list", description = "List the groups and row ids, and exit.")
  private boolean list;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = {"-z", "--duration"}, defaultValue = "5s", converter = GoDurations.class,
      paramLabel = "DURATION",
      description = "Measured time per row (default: ${DEFAULT-VALUE}).")
  private Duration duration;

  @Option(names = "--warmup", defaultValue = "2s", converter = GoDurations.class,
      paramLabel = "DURATION",
      description = "Unrecorded calls before each row, at its concurrency: at least this long,"
          + " then until two successive 1 s slices agree within 5%% and the targets' JIT compiler"
          + " threads used under 5%% of a core over the last 3, at most 6x this; in-process and h2load"
          + " rows just this long (default: ${DEFAULT-VALUE}).")
  private Duration warmup;

  @Option(names = "--jvm-warmup", defaultValue = "5s", converter = GoDurations.class,
      paramLabel = "DURATION",
      description = "Unrecorded calls once per target process before its first row, for the"
          + " JIT: at least this long, then until two successive 1 s slices agree within 5%%"
          + " and the targets' JIT compiler threads used under 5%% of a core over the last 3, at most"
          + " 12x this (default: ${DEFAULT-VALUE}; 0 for none).")
  private Duration jvmWarmup;

  @Option(names = "--repository", defaultValue = "models", paramLabel = "DIR",
      description = "Model repository the rows copy their models from (default: ${DEFAULT-VALUE}).")
  private Path repository;

  @Option(names = "--rows", defaultValue = "models/data/digits_test.csv", paramLabel = "FILE",
      description = "CSV rows that fill the requests and batches (default: ${DEFAULT-VALUE}).")
  private Path rowsFile;

  @Option(names = "--max-batch-size", defaultValue = "32",
      paramLabel = "N",
      description = "Batching group: max_batch_size of both variants (default: ${DEFAULT-VALUE}).")
  private int maxBatchSize;

  @Option(names = "--max-queue-delay-us", defaultValue = "1000",
      paramLabel = "MICROS",
      description = "Batching group: max_queue_delay_microseconds (default: ${DEFAULT-VALUE}).")
  private long maxQueueDelayMicros;

  @Option(names = "--preferred-batch-sizes", split = ",", defaultValue = "8,16,32",
      paramLabel = "N",
      description = "Batching group: preferred_batch_size (default: ${DEFAULT-VALUE}).")
  private List<Integer> preferredBatchSizes;

  @Option(names = "--instances", defaultValue = "1",
      paramLabel = "N",
      description = "Batching group: model instances (default: ${DEFAULT-VALUE}).")
  private int instances;

  @Option(names = "--intra-op-threads", defaultValue = "1",
      paramLabel = "N",
      description = "Batching group: intra_op_thread_count (default: ${DEFAULT-VALUE}).")
  private int intraOpThreads;

  @Option(names = "--target-heap", defaultValue = "1g", paramLabel = "SIZE",
      description = "-Xmx of every server, router and fixture JVM (default: ${DEFAULT-VALUE}).")
  private String targetHeap;

  @Option(names = "--server-jar", paramLabel = "JAR",
      defaultValue = "inference-server/target/convoy-inference-server.jar",
      description = "The Convoy server's runnable jar (default: ${DEFAULT-VALUE}).")
  private Path serverJar;

  @Option(names = "--router-jar", paramLabel = "JAR",
      defaultValue = "router/target/convoy-router.jar",
      description = "The Convoy router's runnable jar (default: ${DEFAULT-VALUE}).")
  private Path routerJar;

  @Option(names = "--monitor-jar", paramLabel = "JAR",
      defaultValue = "monitor/target/convoy-monitor.jar",
      description = "The Convoy monitor's runnable jar (default: ${DEFAULT-VALUE}).")
  private Path monitorJar;

  @Option(names = "--stream-heap-rows", defaultValue = "100000", paramLabel = "N",
      description = "Stream group: 1-row requests over one stream between the server's two"
          + " heap readings, e.g. 1000000 (default: ${DEFAULT-VALUE}).")
  private long streamHeapRows;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  private Path json;

  @Option(names = "--markdown", paramLabel = "FILE",
      description = "Also write the report as Markdown.")
  private Path markdown;

  private final PrintStream out;
  private final PrintStream err;
  private final String command;

  BenchmarkSuite(PrintStream out, PrintStream err, String command) {
    this.out = out;
    this.err = err;
    this.command = command;
  }

  public static void main(String[] args) {
    // Fixture and library logs at INFO are noise around the table.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(execute(args, System.out, System.err));
  }

  static int execute(String[] args, PrintStream out, PrintStream err) {
    String command = ("convoy-bench " + String.join(" ", args)).trim();
    CommandLine commandLine = new CommandLine(new BenchmarkSuite(out, err, command))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    BenchSettings settings;
    Scenarios.Selection selection;
    try {
      settings = new BenchSettings(duration, warmup, jvmWarmup, repository, rowsFile, maxBatchSize,
          maxQueueDelayMicros, preferredBatchSizes, instances, intraOpThreads,
          new Launch(targetHeap, serverJar, routerJar, monitorJar), streamHeapRows);
      if (list) {
        out.print(listing(settings));
        return 0;
      }
      selection = Scenarios.select(Scenarios.catalogue(), settings, scenarios);
    } catch (IllegalArgumentException e) {
      err.println("convoy-bench: " + e.getMessage());
      return 2;
    }
    try {
      BenchReport report = run(settings, selection, command, err);
      out.print(BenchReportFormats.text(report));
      write(json, BenchReportFormats.json(report));
      write(markdown, BenchReportFormats.markdown(report));
      return 0;
    } catch (InputException | IOException e) {
      err.println("convoy-bench: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Runs the selected rows and evaluates the comparisons.
   *
   * @param progress where a line per row goes
   * @throws InputException when the rows file cannot be read
   * @throws IOException when the model repository is missing
   */
  public static BenchReport run(BenchSettings settings, Scenarios.Selection selection,
      String command, PrintStream progress)
      throws InputException, IOException, InterruptedException {
    if (!Files.isDirectory(settings.repository())) {
      throw new IOException("model repository " + settings.repository() + " is not a directory");
    }
    RowsCsv rows = RowsCsv.read(settings.rowsFile());
    RunConfiguration configuration =
        RunConfiguration.describe(settings, command, rows.rows().size(), Instant.now());
    try (BenchContext context = new BenchContext(settings, rows, LoadClock.system())) {
      return new SuiteRunner(progress).run(selection, context, configuration);
    }
  }

  private static String listing(BenchSettings settings) {
    StringBuilder text = new StringBuilder();
    for (ScenarioGroup group : Scenarios.catalogue()) {
      text.append(group.name()).append(": ").append(group.description()).append('\n');
      group.rows(settings).forEach(row -> text.append("  ").append(row.id()).append("  ")
          .append(row.configuration()).append('\n'));
    }
    return text.toString();
  }

  private static void write(Path file, String content) throws IOException {
    if (file != null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    }
  }
}
