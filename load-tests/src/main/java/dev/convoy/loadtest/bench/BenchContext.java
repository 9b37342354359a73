package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.LoadCall;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.fixture.ModelShapes;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.loadtest.h2.RawH2LoadCall;
import dev.convoy.loadtest.input.InferRequests;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.input.InputSpec;
import dev.convoy.loadtest.input.ModelInputs;
import dev.convoy.loadtest.input.RowsCsv;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.Channel;
import io.grpc.Metadata;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What probes share during one run: the settings, the data rows and the requests made of them,
 * the load engine, the target processes and the results of the rows measured so far (a row may
 * depend on an earlier one).
 */
public final class BenchContext implements AutoCloseable {

  /** Concurrency of the JVM warm-up: enough calls in flight to exercise every thread. */
  private static final int JVM_WARMUP_CONCURRENCY = 64;
  /** A row's warm-up ends by this many times its minimum, steady or not. */
  static final int ROW_WARMUP_MAX_FACTOR = 6;
  /**
   * A process's first warm-up ends by this many times its minimum: on two cores the JIT of a
   * server under load went quiet 30 to 40 s after start.
   */
  static final int JVM_WARMUP_MAX_FACTOR = 12;
  /** Generous: a row should report slow calls, not turn them into deadline errors. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final BenchSettings settings;
  private final RowsCsv rows;
  private final LoadRunner runner;
  private final TargetHost targets;
  private final Map<String, RowResult> results = new LinkedHashMap<>();
  private final Map<String, List<ModelInferRequest>> requests = new HashMap<>();
  private final CompilerThreads compilers = CompilerThreads.system();
  private final List<String> cappedWarmups = new ArrayList<>();
  private Set<String> selected;

  public BenchContext(BenchSettings settings, RowsCsv rows, LoadClock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rows = Objects.requireNonNull(rows, "rows");
    this.runner = new LoadRunner(clock, "convoy-bench-worker");
    this.targets = new TargetHost(new TargetLauncher(settings.repository(), settings.launch()));
  }

  public BenchSettings settings() {
    return settings;
  }

  public RowsCsv rows() {
    return rows;
  }

  public TargetHost targets() {
    return targets;
  }

  LoadRunner runner() {
    return runner;
  }

  /**
   * One batch-1 request per data row for {@code model}, in {@code raw_input_contents}, shaped
   * from the model's config in the source repository: the same bytes for every target.
   */
  List<ModelInferRequest> requests(String model) throws NotRunException {
    return requests(model, 1);
  }

  /** As {@link #requests(String)}, {@code rowsPerRequest} data rows in each request. */
  synchronized List<ModelInferRequest> requests(String model, int rowsPerRequest)
      throws NotRunException {
    String key = model + "/" + rowsPerRequest;
    List<ModelInferRequest> built = requests.get(key);
    if (built == null) {
      try {
        ModelShapes shapes = ModelShapes.read(settings.repository(), model);
        List<InputSpec> inputs =
            ModelInputs.resolve(shapes.metadata(), rowsPerRequest, List.of());
        built = InferRequests.fromRows(model, "", inputs, rows, 1);
      } catch (IOException | InputException e) {
        throw new NotRunException("cannot build requests for " + model + ": " + e.getMessage(),
            e);
      }
      requests.put(key, built);
    }
    return built;
  }

  /** The rows' call: {@code model}'s batch-1 requests, cycled, as ModelInfer over {@code channels}. */
  GrpcLoadCall inferCall(List<? extends Channel> channels, String model) throws NotRunException {
    return new GrpcLoadCall(channels, InferenceMethods.resolve("ModelInfer"), requests(model),
        CALL_TIMEOUT, new Metadata());
  }

  /**
   * The load rows' call: as {@link #inferCall}, on the raw HTTP/2 engine over the target's own
   * connection for it, so the client costs about what h2load costs.
   */
  AsyncLoadCall rawInferCall(RunningTarget running, String model)
      throws NotRunException, InterruptedException {
    return new RawH2LoadCall(running.rawConnections(), InferenceMethods.resolve("ModelInfer"),
        requests(model), CALL_TIMEOUT, new Metadata());
  }

  /**
   * Makes unrecorded calls at the row's concurrency until its throughput is steady (see
   * {@link SteadyState}; JIT, caches, connections, model arenas): a row's own path (a stream of
   * 32-row requests through the router) was still compiling after the process's warm-up and the
   * fixed 2 s a row had, and measured at half its rate.
   */
  public void warmUp(int concurrency, AsyncLoadCall call) throws InterruptedException {
    untilSteady("a row's warm-up", settings.warmup(), ROW_WARMUP_MAX_FACTOR, concurrency, call);
  }

  /** As {@link #warmUp(int, AsyncLoadCall)}, for blocking (in-process) calls. */
  public void warmUp(int concurrency, LoadCall call) throws InterruptedException {
    if (!settings.warmup().isZero()) {
      runner.run(LoadOptions.timed(concurrency, settings.warmup()), call);
    }
  }

  /**
   * Unrecorded calls once per target process until it is warm (see {@link SteadyState}): the
   * first row calling it would otherwise be measured while the JIT is still compiling its
   * gRPC, Netty and protobuf code, on the cores the row measures.
   */
  void warmUpJvm(AsyncLoadCall call) throws InterruptedException {
    untilSteady("a process's first warm-up", settings.jvmWarmup(), JVM_WARMUP_MAX_FACTOR,
        JVM_WARMUP_CONCURRENCY, call);
  }

  private void untilSteady(String what, Duration minimum, int maxFactor, int concurrency,
      AsyncLoadCall call) throws InterruptedException {
    if (minimum.isZero()) {
      return;
    }
    SteadyState warm = new SteadyState(minimum, maxFactor);
    LoadResult slice;
    Duration compiling;
    do {
      List<Long> pids = targets.pids();
      Map<String, Long> before = compilers.ticks(pids);
      slice = runner.run(LoadOptions.timed(concurrency, SteadyState.SLICE), call);
      compiling = CompilerThreads.between(before, compilers.ticks(pids));
    } while (!warm.afterSlice(SteadyState.SLICE, slice.rps(), compiling));
    if (!warm.steady()) {
      cappedWarmups.add(Formats.format("%s (c=%d) at %d s, the JIT on %.0f%% of a core", what,
          concurrency, warm.elapsed().toSeconds(), 100.0 * compiling.toNanos() / SteadyState.SLICE.toNanos()));
    }
  }

  /**
   * The warm-ups that ended at their cap, not steady, in run order: rows measured after them
   * were measured while throughput still moved or the JIT still compiled.
   */
  List<String> cappedWarmups() {
    return List.copyOf(cappedWarmups);
  }

  /** The measured phase: a closed loop of {@code concurrency} calls in flight for the duration. */
  public LoadResult measure(int concurrency, LoadCall call) throws InterruptedException {
    return runner.run(LoadOptions.timed(concurrency, settings.duration()), call);
  }

  /** A closed loop of {@code total} calls, {@code concurrency} in flight. */
  LoadResult measureCount(int concurrency, long total, AsyncLoadCall call)
      throws InterruptedException {
    return runner.run(LoadOptions.closedLoop(concurrency, total), call);
  }

  /** A closed loop of {@code concurrency} calls in flight for {@code duration} (one slice). */
  public LoadResult measure(int concurrency, Duration duration, AsyncLoadCall call)
      throws InterruptedException {
    return runner.run(LoadOptions.timed(concurrency, duration), call);
  }

  /** Limits the rows of interleaved sets measured to these (all, until called). */
  void select(Collection<String> rowIds) {
    selected = Set.copyOf(rowIds);
  }

  /** Whether row {@code rowId} is part of this run. */
  boolean isSelected(String rowId) {
    return selected == null || selected.contains(rowId);
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

  /** Stops every target still running. */
  @Override
  public void close() {
    targets.close();
  }
}
