package dev.convoy.loadtest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The suite's settings, validated once.
 *
 * @param duration measured phase of every row
 * @param warmup unrecorded calls before each row's measured phase, at the row's concurrency
 * @param jvmWarmup unrecorded calls once before the first served row, and once before the first
 *     row through the router, so that row is not measured while the JIT is still compiling the
 *     gRPC, protobuf (and router) paths
 * @param repository the model repository the rows read their models from
 * @param rowsFile the CSV rows that fill every request and in-process batch
 * @param maxBatchSize {@code max_batch_size} of both batching variants
 * @param maxQueueDelayMicros the batched variant's {@code max_queue_delay_microseconds}
 * @param preferredBatchSizes the batched variant's {@code preferred_batch_size}
 * @param instances model instances of both batching variants
 * @param intraOpThreads ONNX Runtime intra-op threads of both batching variants
 * @param launch how the target processes are started
 * @param streamHeapRows 1-row requests sent over one stream between the two heap readings
 */
public record BenchSettings(
    Duration duration,
    Duration warmup,
    Duration jvmWarmup,
    Path repository,
    Path rowsFile,
    int maxBatchSize,
    long maxQueueDelayMicros,
    List<Integer> preferredBatchSizes,
    int instances,
    int intraOpThreads,
    Launch launch,
    long streamHeapRows) {

  /** Rows over one stream between the heap readings, unless asked otherwise: 10^5. */
  public static final long DEFAULT_STREAM_HEAP_ROWS = 100_000;

  /** Threads of every in-process session: the figure in-process rows stand for. */
  public static final int IN_PROCESS_INTRA_OP_THREADS = 1;

  public BenchSettings {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(rowsFile, "rowsFile");
    Objects.requireNonNull(launch, "launch");
    if (streamHeapRows < 1) {
      throw new IllegalArgumentException("--stream-heap-rows must be at least 1");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive, got " + duration);
    }
    if (warmup.isNegative() || jvmWarmup.isNegative()) {
      throw new IllegalArgumentException("--warmup and --jvm-warmup must not be negative");
    }
    if (maxBatchSize < 1 || instances < 1 || intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "--max-batch-size, --instances and --intra-op-threads must be at least 1");
    }
    preferredBatchSizes = List.copyOf(preferredBatchSizes);
    // The variant validates the batching block: fail here, at start-up, rather than mid-run.
    new ModelVariant("batched", maxBatchSize, instances, intraOpThreads,
        new ModelVariant.Batching(maxQueueDelayMicros, preferredBatchSizes));
  }

  /** Settings whose targets start as {@link Launch#DEFAULT} (from the repository root). */
  public BenchSettings(Duration duration, Duration warmup, Duration jvmWarmup, Path repository,
      Path rowsFile, int maxBatchSize, long maxQueueDelayMicros,
      List<Integer> preferredBatchSizes, int instances, int intraOpThreads) {
    this(duration, warmup, jvmWarmup, repository, rowsFile, maxBatchSize, maxQueueDelayMicros,
        preferredBatchSizes, instances, intraOpThreads, Launch.DEFAULT, DEFAULT_STREAM_HEAP_ROWS);
  }

  /** The batching group's baseline: the same model settings without dynamic_batching. */
  public ModelVariant unbatched() {
    return new ModelVariant("unbatched", maxBatchSize, instances, intraOpThreads, null);
  }

  /** The batching group's subject. */
  public ModelVariant batched() {
    return new ModelVariant("batched", maxBatchSize, instances, intraOpThreads,
        new ModelVariant.Batching(maxQueueDelayMicros, preferredBatchSizes));
  }
}
