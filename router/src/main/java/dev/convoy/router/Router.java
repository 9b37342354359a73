package dev.convoy.router;

import dev.convoy.transport.Compression;
import dev.convoy.transport.NettyLimits;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.router.admin.RouterAdminService;
import dev.convoy.router.backend.Backend;
import dev.convoy.router.backend.BackendProber;
import dev.convoy.router.backend.BackendRegistry;
import dev.convoy.router.backend.BackendSnapshot;
import dev.convoy.router.backend.BackendState;
import dev.convoy.router.backend.LanedChannel;
import dev.convoy.router.balance.BackendChooser;
import dev.convoy.router.balance.Choosers;
import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.config.RouterConfig;
import dev.convoy.router.fault.RetryBudget;
import dev.convoy.router.proxy.InferenceProxy;
import dev.convoy.router.proxy.Routing;
import dev.convoy.router.telemetry.RouterMetrics;
import dev.convoy.router.telemetry.RouterTracing;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running router: the pass-through {@code inference.GRPCInferenceService}, the
 * {@code convoy.router.RouterAdmin} service, gRPC health and reflection, on Netty; backends
 * probed every probe interval and DNS names re-resolved every refresh interval.
 *
 * <p>The health service reports {@code ""} and {@code inference.GRPCInferenceService} SERVING
 * while at least one backend is healthy, and each model SERVING while a routable backend serves
 * it. {@link #close} shuts down gracefully: it stops accepting calls, lets calls in flight
 * finish (up to the grace period), then closes the backend channels and the threads.
 *
 * <p>Given an {@link OpenTelemetry}, it traces the inference calls it forwards (a SERVER span
 * per call received, a CLIENT span per backend call, the trace context passed on) and reports
 * its calls, choices, retries, ejections and backends through that OpenTelemetry's meter (see
 * {@code dev.convoy.router.telemetry}). It does not own that OpenTelemetry: close it after the
 * router, so the last spans are exported.
 */
public final class Router implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Router.class);
  private static final String SERVICE_NAME = GRPCInferenceServiceGrpc.SERVICE_NAME;
  static final Duration STARTUP_PROBE_INTERVAL = Duration.ofMillis(100);

  private final RouterConfig config;
  private final ChannelCredentials backendCredentials;
  private final LongSupplier nanoTime;
  private final RouterThreads threads;
  private final BackendRegistry registry;
  private final BackendProber prober;
  private final BackendChooser chooser;
  private final RouterMetrics metrics;
  private final HealthStatusManager health = new HealthStatusManager();
  private final Set<String> servingModels = new HashSet<>(); // guarded by itself
  private final AtomicBoolean closing = new AtomicBoolean();
  /** Completes when start-up stops holding calls. */
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final Server server;

  private Router(RouterConfig config, RouterEnvironment environment, OpenTelemetry openTelemetry,
      RouterSecurity security) {
    this.config = config;
    this.backendCredentials = security.backends();
    this.nanoTime = environment.nanoTime();
    this.threads = new RouterThreads(config.threads());
    RouterTracing tracing = RouterTracing.create(openTelemetry);
    this.registry = new BackendRegistry(config.discovery(), environment.resolver(), this::openChannel,
        tracing::traced, config.ejection(), nanoTime);
    this.metrics = RouterMetrics.create(openTelemetry);
    metrics.observe(registry::all, nanoTime);
    this.prober = new BackendProber(config.probes(), nanoTime);
    this.chooser = Choosers.forConfig(config.balancing(), environment.random());
    // Not serving until the first probes have found a healthy backend.
    health.setStatus("", ServingStatus.NOT_SERVING);
    health.setStatus(SERVICE_NAME, ServingStatus.NOT_SERVING);
    Routing routing = new Routing(registry, chooser, new RetryBudget(config.retry(), nanoTime),
        config.fanOutTimeout(), this::refreshNow, metrics, started, threads::afterRead);
    NettyServerBuilder builder = NettyLimits.apply(NettyServerBuilder.forAddress(
            new InetSocketAddress(config.host(), config.port()), security.service().serverCredentials()),
            NettyLimits.CLIENT_CALLS_PER_CONNECTION)
        .bossEventLoopGroup(threads.accept())
        .workerEventLoopGroup(threads.io())
        .channelType(NioServerSocketChannel.class)
        // Every handler only routes and hands bytes on, never blocks: it runs on the I/O thread
        // that read the call, sparing each call two hand-offs to a pool and back.
        .directExecutor()
        .maxInboundMessageSize(config.maxMessageBytes())
        .compressorRegistry(Compression.compressors())
        .decompressorRegistry(Compression.decompressors())
        .addService(tracing.traced(InferenceProxy.service(routing, this::ready, version())))
        .addService(new RouterAdminService(this::backends, chooser.policyName(), closing::get))
        .addService(health.getHealthService())
        .intercept(security.service().guard(true));
    if (security.service().reflection()) {
      builder.addService(ProtoReflectionServiceV1.newInstance()).addService(ProtoReflectionService.newInstance());
    }
    this.server = builder.build();
  }

  /** Starts with the system resolver, clock and random source; traces and measures nothing. */
  public static Router start(RouterConfig config) {
    return start(config, RouterEnvironment.system());
  }

  /** Starts as {@link #start(RouterConfig, RouterEnvironment, OpenTelemetry)}; traces and measures nothing. */
  public static Router start(RouterConfig config, RouterEnvironment environment) {
    return start(config, environment, OpenTelemetry.noop());
  }

  /**
   * Binds the port, resolves and probes every backend once (waiting at most about twice the
   * probe timeout), then starts the periodic probes and DNS refreshes. With {@code
   * wait-for-backends}, it probes again every {@link #STARTUP_PROBE_INTERVAL} until every
   * backend serves or that time is up, holding the calls that arrive meanwhile.
   *
   * @param openTelemetry traces and measures the router; {@link OpenTelemetry#noop()} for neither
   */
  public static Router start(RouterConfig config, RouterEnvironment environment, OpenTelemetry openTelemetry) {
    return start(config, environment, openTelemetry, RouterSecurity.none());
  }

  /**
   * As above, listening and calling the backends as {@code security} says; the caller owns
   * {@code security} and closes it after the router.
   */
  public static Router start(RouterConfig config, RouterEnvironment environment, OpenTelemetry openTelemetry,
      RouterSecurity security) {
    Router router = new Router(config, environment, openTelemetry, security);
    try {
      router.server.start();
    } catch (IOException e) {
      router.close();
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
    log.info("listening on {}:{}; policy {}", config.host(), router.port(), router.chooser.policyName());
    router.awaitBackends();
    router.started.complete(null);
    router.schedule();
    return router;
  }

  public int port() {
    return server.getPort();
  }

  /**
   * Re-resolves the DNS names and probes every backend now. Completes when every result has
   * been applied; never completes exceptionally.
   */
  public CompletableFuture<Void> refreshNow() {
    if (closing.get()) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.runAsync(registry::resolve, threads.scheduler())
          .exceptionally(e -> {
            log.warn("DNS refresh failed", e);
            return null;
          })
          .thenCompose(v -> prober.probeAll(registry.all()))
          .whenComplete((v, e) -> publishHealth());
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Every backend as it is now, in address order. */
  public List<BackendSnapshot> backends() {
    long now = nanoTime.getAsLong();
    return registry.all().stream().map(b -> b.snapshot(now)).toList();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  private boolean ready() {
    return !closing.get() && registry.all().stream().anyMatch(Backend::healthy);
  }

  /** Probes until every backend serves, or once when there is no time to wait. */
  private void awaitBackends() {
    long deadline = nanoTime.getAsLong() + config.waitForBackends().toNanos();
    boolean first = true;
    while (!closing.get() && (first || (!allHealthy() && nanoTime.getAsLong() - deadline < 0))) {
      if (!first) {
        pause(STARTUP_PROBE_INTERVAL);
      }
      first = false;
      awaitRefresh();
    }
    List<BackendSnapshot> backends = backends();
    long healthy = backends.stream().filter(b -> b.state() == BackendState.HEALTHY).count();
    if (healthy == backends.size() && healthy > 0) {
      log.info("ready: {} of {} backends serving", healthy, backends.size());
    } else {
      log.warn("routing with {} of {} backends serving", healthy, backends.size());
    }
  }

  private void awaitRefresh() {
    try {
      refreshNow().get(2 * config.probes().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.warn("a probe of the backends did not finish in time; carrying on");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean allHealthy() {
    List<Backend> all = registry.all();
    return !all.isEmpty() && all.stream().allMatch(Backend::healthy);
  }

  /** Waits between start-up probe rounds, on the scheduler's clock rather than a sleep. */
  private void pause(Duration interval) {
    try {
      threads.scheduler().schedule(() -> { }, interval.toMillis(), TimeUnit.MILLISECONDS).get();
    } catch (ExecutionException | RejectedExecutionException e) {
      // closing: the loop sees it and stops
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void schedule() {
    long probeMillis = config.probes().interval().toMillis();
    threads.scheduler().scheduleWithFixedDelay(
        () -> prober.probeAll(registry.all()).whenComplete((v, e) -> publishHealth()),
        probeMillis, probeMillis, TimeUnit.MILLISECONDS);
    if (!config.discovery().dnsNames().isEmpty()) {
      long dnsMillis = config.discovery().dnsRefresh().toMillis();
      threads.scheduler().scheduleWithFixedDelay(registry::resolve, dnsMillis, dnsMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Brings the health service in line with the backends. */
  private void publishHealth() {
    if (closing.get()) {
      return;
    }
    ServingStatus overall = ready() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    long now = nanoTime.getAsLong();
    Set<String> models = new HashSet<>();
    registry.all().stream().filter(b -> b.routable(now)).forEach(b -> models.addAll(b.models().modelNames()));
    synchronized (servingModels) {
      health.setStatus("", overall);
      health.setStatus(SERVICE_NAME, overall);
      for (String gone : servingModels) {
        if (!models.contains(gone)) {
          health.setStatus(gone, ServingStatus.NOT_SERVING);
        }
      }
      models.forEach(m -> health.setStatus(m, ServingStatus.SERVING));
      servingModels.clear();
      servingModels.addAll(models);
    }
  }

  private ManagedChannel openChannel(BackendTarget target) {
    List<ManagedChannel> lanes = threads.ioLoops().stream().map(loop -> openChannel(target, loop)).toList();
    return new LanedChannel(lanes, threads::currentIoLane);
  }

  private ManagedChannel openChannel(BackendTarget target, EventLoop loop) {
    NettyChannelBuilder builder;
    if (isIpLiteral(target.host())) {
      try {
        builder = NettyChannelBuilder.forAddress(new InetSocketAddress(InetAddress.getByName(target.host()),
            target.port()), backendCredentials);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("not an IP literal: " + target.host(), e);
      }
    } else {
      builder = NettyChannelBuilder.forAddress(target.host(), target.port(), backendCredentials);
    }
    return builder
        .eventLoopGroup(loop)
        .channelType(NioSocketChannel.class)
        // Read as the router's own port is: a backend connection carrying a flooding client's
        // calls shares its I/O thread with other clients.
        .withOption(ChannelOption.RCVBUF_ALLOCATOR, NettyLimits.oneReadPerTurn())
        // Backend answers are passed straight back to the client on the I/O thread, which
        // nothing blocks; only the channel's own blocking work (resolving names) is offloaded.
        .directExecutor()
        .offloadExecutor(threads.offload())
        // The router retries itself (once, on another backend, under its budget); grpc's own
        // retry machinery wrapped every forwarded call to buffer it for a replay never made.
        .disableRetry()
        .maxInboundMessageSize(config.maxMessageBytes())
        .compressorRegistry(Compression.compressors())
        .decompressorRegistry(Compression.decompressors())
        .build();
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    started.complete(null); // calls still held at start-up go on, to be answered as the rest
    log.info("shutting down: finishing calls in flight (grace {})", config.shutdownGrace());
    health.enterTerminalState();
    threads.stopScheduling();
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("grace period over; cancelling the calls still running");
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      registry.close(5_000);
      threads.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    metrics.close();
    log.info("stopped");
  }

  private static String version() {
    String version = Router.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
