package dev.convoy.server;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.cache.ResponseCache;
import dev.convoy.server.gpu.GpuMetrics;
import dev.convoy.server.gpu.NvidiaSmi;
import dev.convoy.server.grpc.CallExecutors;
import dev.convoy.server.grpc.InferenceService;
import dev.convoy.server.grpc.RequestFraming;
import dev.convoy.server.grpc.ServingLimits;
import dev.convoy.server.grpc.StreamWindow;
import dev.convoy.server.grpc.WarmupCalls;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ModelRepository;
import dev.convoy.server.repository.ModelState;
import dev.convoy.server.repository.Timekeeping;
import dev.convoy.server.concurrent.NamedThreadFactory;
import dev.convoy.server.repository.ServedVersion;
import dev.convoy.server.telemetry.InferenceMetrics.QueueDepth;
import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.server.telemetry.TritonMetrics;
import dev.convoy.server.telemetry.TraceControl;
import dev.convoy.server.sampling.Sampler;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.telemetry.GrpcTracing;
import dev.convoy.transport.Compression;
import dev.convoy.transport.NettyLimits;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running inference server: gRPC on Netty, the models of one repository, health and
 * reflection. {@link #close} shuts down gracefully: it stops accepting calls, lets in-flight
 * requests finish (up to the grace period), then frees the models.
 *
 * <p>Given an {@link OpenTelemetry}, it traces every inference call (the gRPC server span, with
 * the caller's W3C trace context) and what happens inside (request, queue wait, batch, compute
 * spans), and measures requests, latencies, queues, batches and instances. The caller owns
 * that OpenTelemetry: close it after the server, so the last spans are exported.
 */
public final class InferenceServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InferenceServer.class);
  private static final String SERVICE_NAME = GRPCInferenceServiceGrpc.SERVICE_NAME;
  /** Triton samples GPUs every 2 s by default. */
  private static final Duration GPU_SAMPLE_PERIOD = Duration.ofSeconds(2);

  private final ServerOptions options;
  private final ServiceSecurity security;
  private final Server server;
  private final InferenceService service;
  private final ModelManager models;
  private final HealthStatusManager health;
  private final ExecutorService handlers;
  private final ScheduledExecutorService batchScheduler;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ObservableLongGauge queueDepth;
  private final WarmupCalls warmupCalls = new WarmupCalls();
  private final Optional<GpuMetrics> gpuMetrics;

  private InferenceServer(ServerOptions options, ModelBackend backend, Clock clock, OpenTelemetry openTelemetry,
      Sampler sampler, TraceControl traces, ResponseCache responseCache, ServiceSecurity security) {
    this.options = options;
    this.security = security;
    this.health = new HealthStatusManager();
    // The health service says SERVING for "" until told otherwise: not before every model is up.
    health.setStatus("", ServingStatus.NOT_SERVING);
    health.setStatus(SERVICE_NAME, ServingStatus.NOT_SERVING);
    // One thread runs the batchers' wake-ups (queue delays, timeouts); batches are mostly decided
    // on the threads that change the queues, and run on their instances' own threads.
    this.batchScheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("convoy-batcher"));
    Timekeeping time = new Timekeeping(System::nanoTime, clock, batchScheduler);
    ServerTelemetry telemetry = ServerTelemetry.create(openTelemetry, time.nanoTime(), clock, traces);
    this.models = new ModelManager(new ModelRepository(options.modelRepository()), backend, time, telemetry,
        this::onModelState);
    this.queueDepth = telemetry.metrics().observeQueueDepths(this::queueDepths);
    this.gpuMetrics = GpuMetrics.start(openTelemetry.getMeter(ServerTelemetry.SCOPE), NvidiaSmi.onPath()::query,
        GPU_SAMPLE_PERIOD);
    this.handlers = Executors.newFixedThreadPool(options.handlerThreads(), new NamedThreadFactory("convoy-handler"));
    this.service = new InferenceService(models, ready::get, version(), time.nanoTime(), telemetry,
        new ServingLimits(StreamWindow.of(options.streamWindow(), models), new MemoryBudget(options.maxInflightBytes())),
        sampler, options.modelControl(), responseCache);
    NettyServerBuilder builder = NettyLimits.apply(NettyServerBuilder.forAddress(
            new InetSocketAddress(options.host(), options.port()), security.serverCredentials()),
            NettyLimits.SERVER_CALLS_PER_CONNECTION)
        .directExecutor()
        .callExecutor(new CallExecutors(handlers))
        .maxInboundMessageSize(options.maxMessageBytes())
        .compressorRegistry(Compression.compressors())
        .decompressorRegistry(Compression.decompressors())
        .addService(ServerInterceptors.intercept(RequestFraming.guard(GrpcTracing.create(openTelemetry).traced(service)),
            warmupCalls))
        .addService(health.getHealthService())
        .intercept(warmupCalls.unlessWarmup(security.guard(false)));
    if (security.reflection()) {
      builder.addService(ProtoReflectionServiceV1.newInstance()).addService(ProtoReflectionService.newInstance());
    }
    this.server = builder.build();
  }

  /** Binds the port, loads every model in the repository, and reports ready; traces nothing. */
  public static InferenceServer start(ServerOptions options, ModelBackend backend, Clock clock) {
    return start(options, backend, clock, OpenTelemetry.noop());
  }

  /**
   * Binds the port, loads every model in the repository, and reports ready.
   *
   * @param openTelemetry traces and measures the server; {@link OpenTelemetry#noop()} for neither
   */
  public static InferenceServer start(ServerOptions options, ModelBackend backend, Clock clock,
      OpenTelemetry openTelemetry) {
    return start(options, backend, clock, openTelemetry, Sampler.disabled());
  }

  /** As above, offering every successful answer to {@code sampler} for the monitor. */
  public static InferenceServer start(ServerOptions options, ModelBackend backend, Clock clock,
      OpenTelemetry openTelemetry, Sampler sampler) {
    return start(options, backend, clock, openTelemetry, sampler, new TraceControl(), ResponseCache.disabled(),
        ServiceSecurity.none());
  }

  /**
   * As above, listening with {@code security}'s TLS and checking every call with its access
   * policy; the caller owns {@code security} and closes it after the server.
   */
  public static InferenceServer start(ServerOptions options, ModelBackend backend, Clock clock,
      OpenTelemetry openTelemetry, Sampler sampler, ServiceSecurity security) {
    return start(options, backend, clock, openTelemetry, sampler, new TraceControl(), ResponseCache.disabled(),
        security);
  }

  /**
   * As above, with the trace settings that TraceSetting changes (the same object a
   * {@link dev.convoy.server.telemetry.TraceSampler} in {@code openTelemetry}'s SDK applies),
   * answering the models that enable {@code response_cache} from {@code responseCache}
   * ({@code --cache-config local,size=N}), listening with {@code security}'s TLS and checking
   * every call with its access policy; the caller owns {@code security} and closes it after
   * the server.
   */
  public static InferenceServer start(ServerOptions options, ModelBackend backend, Clock clock,
      OpenTelemetry openTelemetry, Sampler sampler, TraceControl traces, ResponseCache responseCache,
      ServiceSecurity security) {
    InferenceServer instance = new InferenceServer(options, backend, clock, openTelemetry, sampler, traces,
        responseCache, security);
    try {
      instance.server.start();
    } catch (IOException e) {
      instance.queueDepth.close();
      instance.gpuMetrics.ifPresent(GpuMetrics::close);
      instance.handlers.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
    }
    log.info("listening on {}:{}; loading models from {}; model control {}", options.host(), instance.port(),
        options.modelRepository(), options.modelControl().mode().name().toLowerCase(Locale.ROOT));
    instance.models.loadEach(options.modelControl().modelsAtStartup(instance.models.repository()));
    ServingPathWarmup.run(instance.models, instance.warmupCalls, options.host(), instance.port(),
        security.selfCredentials());
    instance.ready.set(true);
    instance.health.setStatus("", ServingStatus.SERVING);
    instance.health.setStatus(SERVICE_NAME, ServingStatus.SERVING);
    log.info("ready on port {}", instance.port());
    return instance;
  }

  /**
   * Triton's per-model metric families over this server's model versions, for the service's
   * {@code /metrics} ({@code Telemetry.expose}).
   */
  public TritonMetrics tritonMetrics() {
    return new TritonMetrics(this::versionTotals);
  }

  public int port() {
    return server.getPort();
  }

  public ModelManager models() {
    return models;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("shutting down: finishing in-flight requests (grace {})", options.shutdownGrace());
    ready.set(false);
    health.enterTerminalState();
    server.shutdown();
    service.drainStreams();
    try {
      if (!server.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("grace period over; cancelling the calls still running");
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    models.close();
    queueDepth.close();
    gpuMetrics.ifPresent(GpuMetrics::close);
    batchScheduler.shutdown();
    handlers.shutdown();
    log.info("stopped");
  }

  private List<QueueDepth> queueDepths() {
    List<QueueDepth> depths = new ArrayList<>();
    models.entries().forEach(entry -> entry.versions().values().forEach((ServedVersion served) ->
        depths.add(new QueueDepth(entry.name(), served.version(), served.queuedRequests()))));
    return depths;
  }

  private List<TritonMetrics.VersionTotals> versionTotals() {
    List<TritonMetrics.VersionTotals> totals = new ArrayList<>();
    models.entries().forEach(entry -> entry.versions().values().forEach((ServedVersion served) ->
        totals.add(new TritonMetrics.VersionTotals(entry.name(), served.version(), served.statistics().totals(),
            served.queuedRequests()))));
    return totals;
  }

  private void onModelState(String model, ModelState state) {
    if (!closed.get()) {
      health.setStatus(model, state == ModelState.READY ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }
  }

  private static String version() {
    String version = InferenceServer.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
