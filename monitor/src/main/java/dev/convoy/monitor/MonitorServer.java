package dev.convoy.monitor;

import dev.convoy.monitor.alert.AlertBroadcaster;
import dev.convoy.monitor.alert.AlertSink;
import dev.convoy.monitor.alert.LogAlertSink;
import dev.convoy.monitor.alert.WebhookAlertSink;
import dev.convoy.monitor.engine.MonitorEngine;
import dev.convoy.monitor.grpc.AdminService;
import dev.convoy.monitor.grpc.IngestService;
import dev.convoy.monitor.http.DashboardData;
import dev.convoy.monitor.http.DashboardServer;
import dev.convoy.monitor.reference.ReferenceCsv;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.store.MonitorStore;
import dev.convoy.monitor.telemetry.MonitorMetrics;
import dev.convoy.proto.monitor.v1.UploadReferenceRequest;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.auth.EndpointGroup;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running monitor: the database, the core on its writer thread, the gRPC services, the
 * dashboard. {@link #close()} stops taking calls, lets the writer finish what it was given,
 * then closes the database.
 */
public final class MonitorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);

  private final Server grpc;
  private final Optional<DashboardServer> dashboard;
  private final ScheduledExecutorService writer;
  private final ExecutorService workers;
  private final MonitorStore store;
  private final MonitorEngine engine;
  private final AlertBroadcaster broadcaster;

  private MonitorServer(Server grpc, Optional<DashboardServer> dashboard, ScheduledExecutorService writer,
      ExecutorService workers, MonitorStore store, MonitorEngine engine, AlertBroadcaster broadcaster) {
    this.grpc = grpc;
    this.dashboard = dashboard;
    this.writer = writer;
    this.workers = workers;
    this.store = store;
    this.engine = engine;
    this.broadcaster = broadcaster;
  }

  /** Opens the database, loads the reference files, and starts serving: plaintext, no authentication. */
  public static MonitorServer start(MonitorOptions options, OpenTelemetry openTelemetry, LongSupplier epochNanos) {
    return start(options, openTelemetry, epochNanos, ServiceSecurity.none());
  }

  /**
   * As above, the gRPC port and the dashboard listening with {@code security}'s TLS and
   * checking callers against its policy; the caller closes {@code security} after the monitor.
   */
  public static MonitorServer start(MonitorOptions options, OpenTelemetry openTelemetry, LongSupplier epochNanos,
      ServiceSecurity security) {
    MonitorStore store = MonitorStore.open(options.database());
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(named("convoy-monitor-writer"));
    ExecutorService workers = Executors.newFixedThreadPool(4, named("convoy-monitor-worker"));
    try {
      AlertBroadcaster broadcaster = new AlertBroadcaster();
      List<AlertSink> sinks = new ArrayList<>(List.of(new LogAlertSink(), broadcaster));
      options.webhook().ifPresent(url -> sinks.add(new WebhookAlertSink(url, workers)));
      MonitorEngine engine = new MonitorEngine(options.engine(), store, writer, epochNanos, sinks);
      engine.start().join();
      for (Map.Entry<String, Path> reference : options.references().entrySet()) {
        engine.upload(readReference(reference.getKey(), reference.getValue())).join();
        log.info("reference of {} from {}", reference.getKey(), reference.getValue());
      }
      MonitorMetrics metrics = new MonitorMetrics(openTelemetry, () -> engine);
      HealthStatusManager health = new HealthStatusManager();
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(options.host(), options.port()),
              security.serverCredentials())
          .addService(new IngestService(engine, metrics))
          .addService(new AdminService(engine, broadcaster, workers))
          .addService(health.getHealthService())
          .intercept(security.guard(false));
      if (security.reflection()) {
        builder.addService(ProtoReflectionServiceV1.newInstance());
      }
      Server grpc = builder.build().start();
      Optional<DashboardServer> dashboard = options.httpPort() < 0 ? Optional.empty()
          : Optional.of(DashboardServer.start(new InetSocketAddress(options.host(), options.httpPort()),
              new DashboardData(engine), workers, security.https(), security.httpAccess(EndpointGroup.MONITOR_ADMIN)));
      long tick = options.tick().toNanos();
      writer.scheduleWithFixedDelay(() -> engine.tick(), tick, tick, TimeUnit.NANOSECONDS);
      log.info("convoy-monitor: gRPC on {}:{}, dashboard {}, database {}", options.host(), grpc.getPort(),
          dashboard.map(d -> "on port " + d.port()).orElse("off"), options.database());
      return new MonitorServer(grpc, dashboard, writer, workers, store, engine, broadcaster);
    } catch (IOException | RuntimeException e) {
      writer.shutdownNow();
      workers.shutdownNow();
      store.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start the monitor", io);
      }
      throw (RuntimeException) e;
    }
  }

  private static UploadReferenceRequest readReference(String key, Path csv) throws IOException {
    List<String> parts = MonitorOptions.keyParts(key);
    ReferenceCsv.Table table = ReferenceCsv.read(csv);
    UploadReferenceRequest.Builder request = UploadReferenceRequest.newBuilder()
        .setModelName(parts.get(0)).setModelVersion(parts.get(1)).addAllFeatureNames(table.featureNames());
    for (ReferenceRow row : table.rows()) {
      var wire = dev.convoy.proto.monitor.v1.ReferenceRow.newBuilder().setLabel(row.label());
      for (float f : row.features()) {
        wire.addFeatures(f);
      }
      for (float s : row.scores()) {
        wire.addScores(s);
      }
      request.addRows(wire);
    }
    return request.build();
  }

  public int port() {
    return grpc.getPort();
  }

  /** The dashboard's port, -1 when none is served. */
  public int httpPort() {
    return dashboard.map(DashboardServer::port).orElse(-1);
  }

  /** WatchAlerts streams open now. */
  public int alertWatchers() {
    return broadcaster.subscribers();
  }

  public MonitorEngine engine() {
    return engine;
  }

  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  @Override
  public void close() {
    grpc.shutdown();
    dashboard.ifPresent(DashboardServer::close);
    try {
      if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
        grpc.shutdownNow();
      }
      writer.shutdown();
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("the monitor's writer did not finish in 10 s");
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writer.shutdownNow();
    }
    workers.shutdownNow();
    store.close();
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
