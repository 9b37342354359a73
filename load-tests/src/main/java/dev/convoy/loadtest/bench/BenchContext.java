package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadCall;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.input.RowsCsv;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What probes share during one run: the settings, the data rows, the load engine, the server
 * host and the results of the rows measured so far (a row may depend on an earlier one).
 */
public final class BenchContext implements AutoCloseable {

  private final BenchSettings settings;
  private final RowsCsv rows;
  private final LoadRunner runner;
  private final ServerHost servers;
  private final Map<String, RowResult> results = new LinkedHashMap<>();
  /** Concurrency of the JVM warm-up: enough calls in flight to exercise every thread. */
  private static final int JVM_WARMUP_CONCURRENCY = 8;
  /** The JVM warm-up key of calls straight to the server. */
  static final String SERVED_PATH = "served";
  /** The JVM warm-up key of calls through the router (which also warm the server's code). */
  static final String ROUTER_PATH = "router";
  private final Set<String> jvmWarmedUp = new HashSet<>();

  public BenchContext(BenchSettings settings, RowsCsv rows, LoadClock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rows = Objects.requireNonNull(rows, "rows");
    this.runner = new LoadRunner(clock, "convoy-bench-worker");
    this.servers = new ServerHost(settings.repository(), rows);
  }

  public BenchSettings settings() {
    return settings;
  }

  public RowsCsv rows() {
    return rows;
  }

  public ServerHost servers() {
    return servers;
  }

  /** Makes unrecorded calls for the warm-up time (JIT, caches, connections, model arenas). */
  public void warmUp(int concurrency, LoadCall call) throws InterruptedException {
    if (!settings.warmup().isZero()) {
      runner.run(LoadOptions.timed(concurrency, settings.warmup()), call);
    }
  }

  /**
   * The first time a run calls this for a code path ({@link #SERVED_PATH}, {@link #ROUTER_PATH}),
   * makes unrecorded calls for the JVM warm-up time: the first row on that path would
   * otherwise be measured while its gRPC, Netty, protobuf (and router) code is still
   * interpreted. Later calls for the same path do nothing.
   */
  public void warmUpJvmOnce(String path, LoadCall call) throws InterruptedException {
    if (jvmWarmedUp.add(path)) {
      if (!settings.jvmWarmup().isZero()) {
        runner.run(LoadOptions.timed(JVM_WARMUP_CONCURRENCY, settings.jvmWarmup()), call);
      }
    }
  }

  /** The measured phase: a closed loop from {@code concurrency} workers for the duration. */
  public LoadResult measure(int concurrency, LoadCall call) throws InterruptedException {
    return measure(concurrency, settings.duration(), call);
  }

  /** A closed loop from {@code concurrency} workers for {@code duration}, e.g. one slice of it. */
  public LoadResult measure(int concurrency, Duration duration, LoadCall call)
      throws InterruptedException {
    return runner.run(LoadOptions.timed(concurrency, duration), call);
  }

  /** A row measured (or not run) earlier in this run. */
  public Optional<RowResult> result(String rowId) {
    return Optional.ofNullable(results.get(rowId));
  }

  void record(RowResult result) {
    results.put(result.id(), result);
  }

  /** Every row so far, by id, in run order. */
  Map<String, RowResult> results() {
    return Collections.unmodifiableMap(results);
  }

  /** Stops the server still running, if any. */
  @Override
  public void close() {
    servers.close();
  }
}
