package dev.convoy.server;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.grpc.InferenceService;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ModelRepository;
import dev.convoy.server.repository.ModelState;
import dev.convoy.server.repository.Timekeeping;
import dev.convoy.server.concurrent.NamedThreadFactory;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
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
 */
public final class InferenceServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InferenceServer.class);
  private static final String SERVICE_NAME = GRPCInferenceServiceGrpc.SERVICE_NAME;

  private final ServerOptions options;
  private final Server server;
  private final ModelManager models;
  private final HealthStatusManager health;
  private final ExecutorService handlers;
  private final ScheduledExecutorService batchScheduler;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private InferenceServer(ServerOptions options, ModelBackend backend, Clock clock) {
    this.options = options;
    this.health = new HealthStatusManager();
    // One thread decides every model's batches; models run on their instances' own threads.
    this.batchScheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("convoy-batcher"));
    Timekeeping time = new Timekeeping(System::nanoTime, clock, batchScheduler);
    this.models = new ModelManager(new ModelRepository(options.modelRepository()), backend, time, this::onModelState);
    this.handlers = Executors.newFixedThreadPool(options.handlerThreads(), new NamedThreadFactory("convoy-handler"));
    InferenceService service = new InferenceService(models, ready::get, version(), System::nanoTime);
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(options.host(), options.port()))
        .executor(handlers)
        .maxInboundMessageSize(options.maxMessageBytes())
        .addService(service)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance())
        .build();
  }

  /** Binds the port, loads every model in the repository, and reports ready. */
  public static InferenceServer start(ServerOptions options, ModelBackend backend, Clock clock) {
    InferenceServer instance = new InferenceServer(options, backend, clock);
    try {
      instance.server.start();
    } catch (IOException e) {
      instance.handlers.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
    }
    log.info("listening on {}:{}; loading models from {}", options.host(), instance.port(), options.modelRepository());
    instance.models.loadAll();
    instance.ready.set(true);
    instance.health.setStatus("", ServingStatus.SERVING);
    instance.health.setStatus(SERVICE_NAME, ServingStatus.SERVING);
    log.info("ready on port {}", instance.port());
    return instance;
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
    batchScheduler.shutdown();
    handlers.shutdown();
    log.info("stopped");
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
