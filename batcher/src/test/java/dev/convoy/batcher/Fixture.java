package dev.convoy.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.testing.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * A batcher on a fake clock whose instances record their batches and answer each payload
 * upper-cased, failing a batch that holds a payload starting with "fail".
 */
final class Fixture {
  static final String MODEL = "resnet";

  final FakeClock clock = new FakeClock();
  final ManualExecutor manual = new ManualExecutor();
  /** Every batch run, as its payloads, in the order instances ran them. */
  final List<List<String>> ran = new ArrayList<>();
  /** Which instance ran each batch in {@link #ran}. */
  final List<Integer> ranOn = new ArrayList<>();

  /** Batches run on the fake clock too: {@code runPending}/{@code advance} runs them. */
  DynamicBatcher<String, String> batcher(BatcherConfig config, int instances) {
    return batcher(config, instances, clock);
  }

  /** Batches wait in {@link #manual} until the test runs them. */
  DynamicBatcher<String, String> manualBatcher(BatcherConfig config, int instances) {
    return batcher(config, instances, manual);
  }

  DynamicBatcher<String, String> batcher(BatcherConfig config, int instances, Executor runner) {
    List<BatchExecutor<String, String>> executors =
        IntStream.range(0, instances).mapToObj(this::instance).toList();
    return new DynamicBatcher<>(MODEL, config, executors, clock, clock, runner);
  }

  private BatchExecutor<String, String> instance(int id) {
    return batch -> {
      ran.add(batch.payloads());
      ranOn.add(id);
      if (batch.payloads().stream().anyMatch(p -> p.startsWith("fail"))) {
        throw new IllegalStateException("instance " + id + " failed");
      }
      return batch.payloads().stream().map(String::toUpperCase).toList();
    };
  }

  /** The failure of a future that must already have failed. */
  static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return future.handle((result, failure) -> failure).join();
  }

  static BatchRequest<String> req(String payload) {
    return BatchRequest.of(payload, 1, "A");
  }

  static BatchRequest<String> req(String payload, int rows, String shape) {
    return BatchRequest.of(payload, rows, shape);
  }

  static BatchRequest<String> withPriority(String payload, int priority) {
    return new BatchRequest<>(payload, 1, "A", priority, 0, BatchRequest.NO_DEADLINE);
  }

  static BatchRequest<String> withTimeout(String payload, long timeoutMicros) {
    return new BatchRequest<>(payload, 1, "A", 0, timeoutMicros, BatchRequest.NO_DEADLINE);
  }

  static BatchRequest<String> withDeadline(String payload, long deadlineNanos) {
    return new BatchRequest<>(payload, 1, "A", 0, 0, deadlineNanos);
  }
}
