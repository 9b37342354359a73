package dev.convoy.telemetry.prometheus;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@code GET /metrics} in the Prometheus text format (or OpenMetrics, when the scraper
 * asks for it) on its own small HTTP server, two named daemon threads: the OpenTelemetry
 * instruments, the JVM's and the process's metrics (Prometheus' {@code jvm_*} and
 * {@code process_*}), and any collector a service adds with {@link #register}.
 */
public final class MetricsEndpoint implements AutoCloseable {
  /** The path Prometheus scrapes. */
  public static final String PATH = "/metrics";
  private static final int THREADS = 2;

  private final PrometheusRegistry registry;
  private final HTTPServer server;
  private final ExecutorService threads;
  private final InetSocketAddress address;

  private MetricsEndpoint(PrometheusRegistry registry, HTTPServer server, ExecutorService threads,
      InetSocketAddress address) {
    this.registry = registry;
    this.server = server;
    this.threads = threads;
    this.address = address;
  }

  /**
   * Binds {@code address} (port 0 picks a free one) and serves what {@code reader} collects.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static MetricsEndpoint start(InetSocketAddress address, PrometheusMetricReader reader) {
    return start(address, reader, MetricsAccess.OPEN);
  }

  /** As {@link #start(InetSocketAddress, PrometheusMetricReader)}, over HTTPS and behind a check as {@code access} says. */
  public static MetricsEndpoint start(InetSocketAddress address, PrometheusMetricReader reader, MetricsAccess access) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(reader);
    JvmMetrics.builder().register(registry);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS, named("convoy-metrics-http"));
    try {
      HTTPServer.Builder builder = HTTPServer.builder()
          .inetAddress(address.getAddress())
          .port(address.getPort())
          .registry(registry)
          .executorService(threads);
      access.https().ifPresent(builder::httpsConfigurator);
      access.authenticator().ifPresent(builder::authenticator);
      HTTPServer server = builder.buildAndStart();
      return new MetricsEndpoint(registry, server, threads,
          new InetSocketAddress(address.getAddress(), server.getPort()));
    } catch (IOException e) {
      threads.shutdownNow();
      throw new UncheckedIOException("cannot serve metrics on " + address, e);
    }
  }

  /** Adds families collected at each scrape; {@link #unregister} removes them. */
  public void register(MultiCollector collector) {
    registry.register(collector);
  }

  public void unregister(MultiCollector collector) {
    registry.unregister(collector);
  }

  public int port() {
    return address.getPort();
  }

  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    server.close();
    threads.shutdownNow();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
