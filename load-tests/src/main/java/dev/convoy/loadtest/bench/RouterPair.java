package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same load sent straight to the server and through the router in front of it, measured
 * interleaved so that both rows see the same machine. After each path's warm-up, the measured
 * time of each path is cut into {@value #SLICES} slices, run alternately in the order direct,
 * routed, routed, direct, direct, routed, ...: a change in the machine's load during the pair
 * (other processes, the JIT) falls on both paths alike instead of on whichever row ran second.
 * Each path's slices are summed into its row, as one measured phase of the row's duration.
 *
 * <p>The pair is measured once per run, by whichever of its two rows runs first; the other
 * row reads the result (or the reason it could not run).
 */
final class RouterPair {

  /** Slices per path. */
  static final int SLICES = 6;

  private final String model;
  private final ModelVariant variant;
  private final int concurrency;
  private BenchContext measuredIn; // guarded by this
  private Result result; // guarded by this
  private Exception failure; // guarded by this

  private record Result(Measurement direct, Measurement routed) {}

  RouterPair(String model, ModelVariant variant, int concurrency) {
    this.model = model;
    this.variant = variant;
    this.concurrency = concurrency;
  }

  /** The row of the calls straight to the server. */
  Probe direct() {
    return context -> measure(context).direct();
  }

  /** The row of the calls through the router. */
  Probe routed() {
    return context -> measure(context).routed();
  }

  private synchronized Result measure(BenchContext context) throws Exception {
    if (measuredIn != context) {
      measuredIn = context;
      result = null;
      failure = null;
      try {
        result = run(context);
      } catch (Exception e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  private Result run(BenchContext context) throws Exception {
    RunningRouter router = context.servers().route(model, variant);
    RunningServer server = context.servers().serve(model, variant);
    GrpcLoadCall direct = ServedProbe.inferCall(server.channels(), server);
    GrpcLoadCall routed = ServedProbe.inferCall(router.channels(), server);
    context.warmUpJvmOnce(BenchContext.SERVED_PATH, direct);
    context.warmUpJvmOnce(BenchContext.ROUTER_PATH, routed);
    context.warmUp(concurrency, direct);
    context.warmUp(concurrency, routed);
    Duration slice = context.settings().duration().dividedBy(SLICES);
    Path directPath = new Path(direct);
    Path routedPath = new Path(routed);
    for (int i = 0; i < SLICES; i++) {
      boolean directFirst = i % 2 == 0;
      (directFirst ? directPath : routedPath).measureSlice(context, server, slice);
      (directFirst ? routedPath : directPath).measureSlice(context, server, slice);
    }
    return new Result(directPath.measurement(), routedPath.measurement());
  }

  /** One path's slices, and what the server executed during them. */
  private final class Path {
    private final GrpcLoadCall call;
    private final List<LoadResult> slices = new ArrayList<>();
    private BatchObservation executed = new BatchObservation(Map.of());

    Path(GrpcLoadCall call) {
      this.call = call;
    }

    void measureSlice(BenchContext context, RunningServer server, Duration slice)
        throws InterruptedException {
      Map<Long, Long> before = server.executionsByBatchSize();
      slices.add(context.measure(concurrency, slice, call));
      executed = executed.plus(BatchObservation.between(before, server.executionsByBatchSize()));
    }

    Measurement measurement() {
      return Measurement.ofSlices(slices, 1, executed);
    }
  }
}
