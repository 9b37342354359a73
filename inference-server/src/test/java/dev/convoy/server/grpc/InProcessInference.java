package dev.convoy.server.grpc;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.cache.ResponseCache;
import dev.convoy.server.sampling.Sampler;
import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.repository.ModelControl;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ModelRepository;
import dev.convoy.server.repository.Timekeeping;
import dev.convoy.server.sampling.Sampler;
import dev.convoy.server.telemetry.ServerTelemetry;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The inference service over a model repository on the in-process transport. */
final class InProcessInference implements AutoCloseable {
  final ModelManager models;
  final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking;
  final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub async;
  private final ScheduledExecutorService scheduler;
  private final Server server;
  private final ManagedChannel channel;

  InProcessInference(Path repository) throws IOException {
    this(repository, new OnnxRuntimeBackend(System::nanoTime));
  }

  InProcessInference(Path repository, ModelBackend backend) throws IOException {
    this(repository, backend, ModelControl.none(), ResponseCache.disabled());
  }

  InProcessInference(Path repository, ModelBackend backend, ModelControl control) throws IOException {
    this(repository, backend, control, ResponseCache.disabled());
  }

  /** As above, with the server's response cache. */
  InProcessInference(Path repository, ModelBackend backend, ResponseCache cache) throws IOException {
    this(repository, backend, ModelControl.none(), cache);
  }

  /**
   * Handlers run on the calling thread, so a call is queued by the time the stub returns.
   * Every model is loaded first, whatever the mode.
   */
  InProcessInference(Path repository, ModelBackend backend, ModelControl control, ResponseCache cache)
      throws IOException {
    scheduler = Executors.newSingleThreadScheduledExecutor();
    models = new ModelManager(new ModelRepository(repository), backend,
        new Timekeeping(System::nanoTime, Clock.systemUTC(), scheduler), (model, state) -> { });
    models.loadAll();
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new InferenceService(models, () -> true, "test", System::nanoTime,
            ServerTelemetry.noop(System::nanoTime), new ServingLimits(StreamWindow.of(0, models),
                new MemoryBudget(Long.MAX_VALUE)), Sampler.disabled(), control, cache))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    blocking = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    async = GRPCInferenceServiceGrpc.newStub(channel);
  }

  ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    models.close();
    scheduler.shutdownNow();
  }
}
