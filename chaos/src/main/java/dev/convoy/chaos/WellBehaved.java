package dev.convoy.chaos;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Clients that behave: each calls digits_mlp one call at a time with a generous deadline, on
 * its own thread, until stopped. Latencies go to an HdrHistogram; every failure is counted.
 */
final class WellBehaved implements AutoCloseable {
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private volatile Status lastFailure;
  private org.HdrHistogram.Histogram total;

  WellBehaved(Channel channel, int clients, long deadlineMillis) {
    ModelInferRequest request = Requests.digits();
    for (int i = 0; i < clients; i++) {
      Thread thread = new Thread(() -> loop(channel, request, deadlineMillis), "well-behaved-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  private void loop(Channel channel, ModelInferRequest request, long deadlineMillis) {
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    while (running.get()) {
      long start = System.nanoTime();
      try {
        stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).modelInfer(request);
        latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
      } catch (StatusRuntimeException e) {
        failures.incrementAndGet();
        lastFailure = e.getStatus();
      }
      calls.incrementAndGet();
    }
  }

  long calls() {
    return calls.get();
  }

  long failures() {
    return failures.get();
  }

  Status lastFailure() {
    return lastFailure;
  }

  /** Stops the clients; their latencies, in µs, are then in {@link #histogram}. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    total = latencies.getIntervalHistogram();
  }

  org.HdrHistogram.Histogram histogram() {
    return total;
  }

  String describe() {
    return String.format("%d calls, %d failed, p50 %.1f ms, p99 %.1f ms, max %.1f ms", calls(), failures(),
        total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0, total.getMaxValue() / 1000.0);
  }
}
