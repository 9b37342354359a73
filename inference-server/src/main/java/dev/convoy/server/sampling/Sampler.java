package dev.convoy.server.sampling;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.model.ModelSpec;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The request path's side of sampling: {@link #offer} never blocks and does no encoding; it
 * draws against the model's rate and puts a reference in a bounded queue, or counts the
 * sample as dropped when the queue is full (the monitor is slow or down).
 */
public final class Sampler {

  private final SamplingPolicy policy;
  private final BlockingQueue<Sampled> queue;
  private final DoubleSupplier random;
  private final LongSupplier epochNanos;
  private final LongCounter sampled;
  private final LongCounter dropped;

  /**
   * @param capacity samples the queue holds before it drops
   * @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
   */
  public Sampler(SamplingPolicy policy, int capacity, DoubleSupplier random, LongSupplier epochNanos, Meter meter) {
    if (capacity < 1) {
      throw new IllegalArgumentException("sampler queue capacity must be at least 1, got " + capacity);
    }
    this.policy = policy;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.random = random;
    this.epochNanos = epochNanos;
    this.sampled = meter.counterBuilder("convoy.sampler.sampled").setUnit("{request}")
        .setDescription("Answered requests queued for the monitor").build();
    this.dropped = meter.counterBuilder("convoy.sampler.dropped").setUnit("{request}")
        .setDescription("Sampled requests dropped because the monitor's queue was full").build();
  }

  /** A sampler that samples nothing: what a server without a monitor uses. */
  public static Sampler disabled() {
    return new Sampler(null, 1, () -> 1, () -> 0, io.opentelemetry.api.OpenTelemetry.noop().getMeter("off"));
  }

  /** Called after a successful answer; returns at once. */
  public void offer(ModelSpec spec, long version, ModelInferRequest request, ModelInferResponse response,
      String traceId) {
    if (policy == null) {
      return;
    }
    SamplingPolicy.ModelSampling sampling = policy.of(spec);
    if (sampling.rate() == 0 || random.getAsDouble() >= sampling.rate()) {
      return;
    }
    Attributes model = sampling.metricAttributes();
    if (queue.offer(new Sampled(spec, version, request, response, traceId, epochNanos.getAsLong(),
        sampling.scoresOutput()))) {
      sampled.add(1, model);
    } else {
      dropped.add(1, model);
    }
  }

  /** Moves up to {@code max} queued samples into {@code into}; returns how many. */
  int drainTo(List<Sampled> into, int max) {
    return queue.drainTo(into, max);
  }

  /** Samples waiting to be sent. */
  public int queued() {
    return queue.size();
  }
}
