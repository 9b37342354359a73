package dev.convoy.server.sampling;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A server's sampling into one monitor: the channel, the sender's thread, the sampler. Close
 * it after the server, so requests answered last may still be offered.
 */
public final class MonitorSampling implements AutoCloseable {
  /** Samples held for the monitor before new ones are dropped. */
  public static final int QUEUE_CAPACITY = 10_000;
  private static final Duration FLUSH = Duration.ofMillis(50);

  private final ManagedChannel channel;
  private final ScheduledExecutorService executor;
  private final Sampler sampler;
  private final MonitorSender sender;

  private MonitorSampling(ManagedChannel channel, ScheduledExecutorService executor, Sampler sampler,
      MonitorSender sender) {
    this.channel = channel;
    this.executor = executor;
    this.sampler = sampler;
    this.sender = sender;
  }

  /**
   * Starts sampling into the monitor at {@code target} ("host:port", plaintext).
   *
   * @param defaultRate the share of requests sampled for models whose config sets no
   *     {@code monitor_sample_rate}
   */
  public static MonitorSampling start(String target, double defaultRate, OpenTelemetry openTelemetry) {
    return start(target, defaultRate, openTelemetry, InsecureChannelCredentials.create());
  }

  /** As above, calling the monitor with {@code credentials} (TLS, the server's certificate). */
  public static MonitorSampling start(String target, double defaultRate, OpenTelemetry openTelemetry,
      ChannelCredentials credentials) {
    Meter meter = openTelemetry.getMeter("dev.convoy.server.sampling");
    ManagedChannel channel = NettyChannelBuilder.forTarget(target, credentials).build();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "convoy-sampler-sender");
      thread.setDaemon(true);
      return thread;
    });
    Sampler sampler = new Sampler(new SamplingPolicy(defaultRate), QUEUE_CAPACITY,
        () -> ThreadLocalRandom.current().nextDouble(), MonitorSampling::epochNanos, meter);
    MonitorSender sender = new MonitorSender(sampler, channel, executor, FLUSH, meter);
    sender.start();
    return new MonitorSampling(channel, executor, sampler, sender);
  }

  public Sampler sampler() {
    return sampler;
  }

  @Override
  public void close() {
    sender.close();
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
      channel.shutdown().awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.shutdownNow();
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }
}
