package dev.convoy.server.stats;

import dev.convoy.proto.inference.InferBatchStatistics;
import dev.convoy.proto.inference.InferStatistics;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.server.backend.Execution;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The statistics of one served model version, safe to update from many threads. */
public final class VersionStatistics {
  private final Clock clock;
  private final DurationStat success = new DurationStat();
  private final DurationStat fail = new DurationStat();
  private final DurationStat queue = new DurationStat();
  private final DurationStat computeInput = new DurationStat();
  private final DurationStat computeInfer = new DurationStat();
  private final DurationStat computeOutput = new DurationStat();
  private final DurationStat cacheHit = new DurationStat();
  private final DurationStat cacheMiss = new DurationStat();
  private final LongAdder inferenceCount = new LongAdder();
  private final LongAdder executionCount = new LongAdder();
  private final AtomicLong lastInferenceMillis = new AtomicLong();
  private final Map<Long, BatchStat> batches = new ConcurrentHashMap<>();

  /** @param clock the wall clock that stamps {@code last_inference} */
  public VersionStatistics(Clock clock) {
    this.clock = clock;
  }

  /** One model execution over {@code batchSize} rows, whichever requests they came from. */
  public void recordExecution(long batchSize, Execution execution) {
    executionCount.increment();
    computeInput.add(execution.inputNanos());
    computeInfer.add(execution.inferNanos());
    computeOutput.add(execution.outputNanos());
    batches.computeIfAbsent(batchSize, b -> new BatchStat()).add(execution);
    lastInferenceMillis.set(clock.millis());
  }

  /** A request answered successfully after {@code totalNanos}, {@code queueNanos} of it queued. */
  public void recordSuccess(long rows, long totalNanos, long queueNanos) {
    success.add(totalNanos);
    queue.add(queueNanos);
    inferenceCount.add(rows);
  }

  /**
   * A request answered from the response cache: a success and {@code rows} inferences, as in
   * Triton, but no execution and no queue time.
   */
  public void recordCacheHit(long rows, long totalNanos, long lookupNanos) {
    success.add(totalNanos);
    inferenceCount.add(rows);
    cacheHit.add(lookupNanos);
  }

  /** A request the cache did not hold: what looking it up and inserting its answer took. */
  public void recordCacheMiss(long nanos) {
    cacheMiss.add(nanos);
  }

  public void recordFailure(long totalNanos) {
    fail.add(totalNanos);
  }

  /** The running totals, as Triton's metrics report them. */
  public Totals totals() {
    return new Totals(success.count(), fail.count(), inferenceCount.sum(), executionCount.sum(), success.nanos(),
        queue.nanos(), computeInput.nanos(), computeInfer.nanos(), computeOutput.nanos());
  }

  public ModelStatistics toProto(String model, String version) {
    ModelStatistics.Builder stats = ModelStatistics.newBuilder()
        .setName(model)
        .setVersion(version)
        .setLastInference(lastInferenceMillis.get())
        .setInferenceCount(inferenceCount.sum())
        .setExecutionCount(executionCount.sum())
        .setInferenceStats(InferStatistics.newBuilder()
            .setSuccess(success.toProto())
            .setFail(fail.toProto())
            .setQueue(queue.toProto())
            .setComputeInput(computeInput.toProto())
            .setComputeInfer(computeInfer.toProto())
            .setComputeOutput(computeOutput.toProto())
            .setCacheHit(cacheHit.toProto())
            .setCacheMiss(cacheMiss.toProto()));
    batches.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> stats.addBatchStats(e.getValue().toProto(e.getKey())));
    return stats.build();
  }

  /**
   * Requests answered (successes, failures), rows inferred, model executions, and the
   * cumulative nanoseconds of successful requests, of their queue waits, and of the executions'
   * input, infer and output phases.
   */
  public record Totals(long successes, long failures, long inferences, long executions, long successNanos,
      long queueNanos, long computeInputNanos, long computeInferNanos, long computeOutputNanos) {}

  private static final class BatchStat {
    private final DurationStat input = new DurationStat();
    private final DurationStat infer = new DurationStat();
    private final DurationStat output = new DurationStat();

    void add(Execution execution) {
      input.add(execution.inputNanos());
      infer.add(execution.inferNanos());
      output.add(execution.outputNanos());
    }

    InferBatchStatistics toProto(long batchSize) {
      return InferBatchStatistics.newBuilder()
          .setBatchSize(batchSize)
          .setComputeInput(input.toProto())
          .setComputeInfer(infer.toProto())
          .setComputeOutput(output.toProto())
          .build();
    }
  }
}
