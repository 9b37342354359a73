package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline batch through the front door: one ModelStreamInfer stream through the router to a
 * server with the batching group's {@code dynamic_batching}, with 1-row requests and with
 * 32-row requests, interleaved with unary calls at 64 in flight on the same model; and the
 * server's heap after GC before and after a long stream.
 */
final class StreamGroup implements ScenarioGroup {

  static final String NAME = "stream";
  static final String SCENARIO = "stream via router";
  private static final String MODEL = "digits_mlp";
  private static final int ONE_ROW_WINDOW = 64;
  private static final int MULTI_ROW = 32;
  /** Rows in flight on the multi-row stream: convoy-batch's default {@code --in-flight-rows}. */
  private static final int MULTI_ROW_IN_FLIGHT_ROWS = 1024;
  private static final int UNARY_CONCURRENCY = 64;
  /** The offline batch issue's goals. */
  static final double GOAL_STREAM_VS_UNARY = 0.9;
  static final double GOAL_MULTI_ROW_VS_IN_PROCESS = 0.25;
  static final double GOAL_HEAP_GROWTH = 1.1;

  static final String ONE_ROW = "stream-mlp-r1";
  static final String MANY_ROWS = "stream-mlp-r" + MULTI_ROW;
  static final String UNARY = "stream-unary-mlp-c" + UNARY_CONCURRENCY;
  static final String HEAP_START = "stream-heap-start";
  static final String HEAP_AFTER = "stream-heap-after";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "one stream through the router (1-row and " + MULTI_ROW + "-row requests) beside"
        + " unary c=" + UNARY_CONCURRENCY + " on the batched digits_mlp; the server's heap"
        + " after GC before and after a long stream";
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    Target.Convoy server = new Target.Convoy(MODEL, settings.batched());
    Target.Router router = new Target.Router(server);
    int rows = Math.min(MULTI_ROW, settings.maxBatchSize());
    int multiRowWindow = Math.max(1, MULTI_ROW_IN_FLIGHT_ROWS / rows);
    Map<String, Contender> set = new LinkedHashMap<>();
    set.put(ONE_ROW, new StreamContender(router, MODEL, 1, ONE_ROW_WINDOW));
    set.put(MANY_ROWS, new StreamContender(router, MODEL, rows, multiRowWindow));
    set.put(UNARY, new LoadContender(router, MODEL, UNARY_CONCURRENCY));
    InterleavedSet interleaved = new InterleavedSet(set);
    String variant = settings.batched().name();
    List<RowSpec> specs = new ArrayList<>();
    specs.add(new RowSpec(ONE_ROW, NAME, SCENARIO, MODEL + ", " + variant + ", 1 stream, 1-row"
        + " requests, " + ONE_ROW_WINDOW + " in flight", interleaved.row(ONE_ROW)));
    specs.add(new RowSpec(MANY_ROWS, NAME, SCENARIO, MODEL + ", " + variant + ", 1 stream, "
        + rows + "-row requests, " + multiRowWindow + " in flight (convoy-batch's default of "
        + MULTI_ROW_IN_FLIGHT_ROWS + " rows)", interleaved.row(MANY_ROWS)));
    specs.add(new RowSpec(UNARY, NAME, RouterGroup.SCENARIO, MODEL + ", " + variant
        + ", unary, c=" + UNARY_CONCURRENCY, interleaved.row(UNARY)));
    HeapProbe heap = new HeapProbe(server, settings.streamHeapRows(), ONE_ROW_WINDOW);
    specs.add(new RowSpec(HEAP_START, NAME, ServedGroup.SCENARIO, MODEL + ", " + variant
        + ", server heap after GC before the stream", heap.atStart()));
    specs.add(new RowSpec(HEAP_AFTER, NAME, "stream, loopback", MODEL + ", " + variant
        + ", 1 stream of " + settings.streamHeapRows() + " 1-row requests, " + ONE_ROW_WINDOW
        + " in flight, then server heap after GC", heap.afterStream()));
    return specs;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    return List.of(
        Comparison.ratio("stream 1-row / unary c=" + UNARY_CONCURRENCY + ", via router", ONE_ROW,
            UNARY, Metric.ROWS_PER_SECOND).withGoalAtLeast(GOAL_STREAM_VS_UNARY),
        Comparison.ratio("stream " + MULTI_ROW + "-row / in-process, same batch (" + MULTI_ROW
            + ")", MANY_ROWS, InProcessGroup.id(MULTI_ROW), Metric.ROWS_PER_SECOND)
            .withGoalAtLeast(GOAL_MULTI_ROW_VS_IN_PROCESS),
        Comparison.ratio("server heap after " + settings.streamHeapRows()
            + " rows on one stream / before", HEAP_AFTER, HEAP_START, Metric.HEAP)
            .withGoalAtMost(GOAL_HEAP_GROWTH));
  }
}
