package dev.convoy.server.grpc;

import dev.convoy.transport.TritonExtensions;
import dev.convoy.proto.inference.CudaSharedMemoryRegisterRequest;
import dev.convoy.proto.inference.CudaSharedMemoryRegisterResponse;
import dev.convoy.proto.inference.CudaSharedMemoryStatusRequest;
import dev.convoy.proto.inference.CudaSharedMemoryStatusResponse;
import dev.convoy.proto.inference.CudaSharedMemoryUnregisterRequest;
import dev.convoy.proto.inference.CudaSharedMemoryUnregisterResponse;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.LogSettingsRequest;
import dev.convoy.proto.inference.LogSettingsResponse;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.TraceSettingRequest;
import dev.convoy.proto.inference.TraceSettingResponse;
import dev.convoy.server.logging.LogLevels;
import dev.convoy.proto.inference.ModelConfigResponse;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.ModelReadyResponse;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.ModelStatisticsResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelLoadResponse;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadResponse;
import dev.convoy.proto.inference.ServerLiveRequest;
import dev.convoy.proto.inference.ServerLiveResponse;
import dev.convoy.proto.inference.ServerMetadataRequest;
import dev.convoy.proto.inference.ServerMetadataResponse;
import dev.convoy.proto.inference.ServerReadyRequest;
import dev.convoy.proto.inference.ServerReadyResponse;
import dev.convoy.proto.inference.SystemSharedMemoryRegisterRequest;
import dev.convoy.proto.inference.SystemSharedMemoryRegisterResponse;
import dev.convoy.proto.inference.SystemSharedMemoryStatusRequest;
import dev.convoy.proto.inference.SystemSharedMemoryStatusResponse;
import dev.convoy.proto.inference.SystemSharedMemoryUnregisterRequest;
import dev.convoy.proto.inference.SystemSharedMemoryUnregisterResponse;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.cache.ResponseCache;
import dev.convoy.server.error.InferenceException;
import dev.convoy.server.repository.ModelControl;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.shm.SharedMemoryRegions;
import dev.convoy.server.shm.SharedMemoryTensors;
import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.server.sampling.Sampler;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The Open Inference Protocol service over a {@link ModelManager}. */
public final class InferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
  public static final String SERVER_NAME = "convoy";
  /** The router's list, and shared memory, which only a server on the client's host can offer. */
  private static final List<String> EXTENSIONS = java.util.stream.Stream.concat(TritonExtensions.SUPPORTED.stream(),
      java.util.stream.Stream.of("system_shared_memory")).toList();
  private static final Status NO_CUDA_SHARED_MEMORY = Status.UNIMPLEMENTED.withDescription(
      "CUDA shared memory is not supported by this server (it passes tensors through host memory);"
      + " use system shared memory (SystemSharedMemoryRegister) or send tensors in the message");

  private final ModelManager models;
  private final BooleanSupplier serverReady;
  private final String version;
  private final InferHandler inferHandler;
  private final RepositoryViews views;
  private final RepositoryControl control;
  private final StreamWindow streamWindow;
  private final OpenStreams streams = new OpenStreams();
  private final SettingsCalls settings;
  private final SharedMemoryRegions sharedMemory = new SharedMemoryRegions(SharedMemoryRegions.POSIX_ROOT);

  /**
   * A service whose requests are neither traced nor measured, with model control off.
   *
   * @param serverReady whether the server takes requests (false while starting or draining)
   * @param nanoTime the ticker for request timings
   */
  public InferenceService(ModelManager models, BooleanSupplier serverReady, String version, LongSupplier nanoTime) {
    this(models, serverReady, version, nanoTime, ServerTelemetry.noop(nanoTime));
  }

  /**
   * A service with model control off.
   *
   * @param serverReady whether the server takes requests (false while starting or draining)
   * @param nanoTime the ticker for request timings
   * @param telemetry traces and measures every inference request
   */
  public InferenceService(ModelManager models, BooleanSupplier serverReady, String version, LongSupplier nanoTime,
      ServerTelemetry telemetry) {
    this(models, serverReady, version, nanoTime, telemetry,
        new ServingLimits(StreamWindow.of(0, models), new MemoryBudget(Long.MAX_VALUE)), Sampler.disabled(),
        ModelControl.none());
  }

  /**
   * @param serverReady whether the server takes requests (false while starting or draining)
   * @param nanoTime the ticker for request timings
   * @param telemetry traces and measures every inference request
   * @param limits the streams' window and the memory budget of the requests in flight
   * @param sampler offered every successful answer, for the monitor
   * @param modelControl whether RepositoryModelLoad/Unload are taken
   */
  public InferenceService(ModelManager models, BooleanSupplier serverReady, String version, LongSupplier nanoTime,
      ServerTelemetry telemetry, ServingLimits limits, Sampler sampler, ModelControl modelControl) {
    this(models, serverReady, version, nanoTime, telemetry, limits, sampler, modelControl, ResponseCache.disabled());
  }

  /**
   * As above, answering the models that enable {@code response_cache} from {@code responseCache}.
   */
  public InferenceService(ModelManager models, BooleanSupplier serverReady, String version, LongSupplier nanoTime,
      ServerTelemetry telemetry, ServingLimits limits, Sampler sampler, ModelControl modelControl,
      ResponseCache responseCache) {
    this.streamWindow = limits.streamWindow();
    this.models = models;
    this.serverReady = serverReady;
    this.version = version;
    this.inferHandler = new InferHandler(models, limits.budget(), nanoTime, telemetry, sampler, responseCache,
        new SharedMemoryTensors(sharedMemory));
    this.views = new RepositoryViews(models);
    this.control = new RepositoryControl(models, modelControl);
    this.settings = new SettingsCalls(models, telemetry.traces(), LogLevels.ofBackend());
  }

  /**
   * Shutdown has begun: every ModelStreamInfer stream is completed as soon as it has no request
   * in progress, so idle streams go at once and only work in flight holds the grace period.
   */
  public void drainStreams() {
    streams.drain();
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> responses) {
    respond(responses, () -> ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> responses) {
    respond(responses, () -> ServerReadyResponse.newBuilder().setReady(serverReady.getAsBoolean()).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> responses) {
    respond(responses, () -> ModelReadyResponse.newBuilder().setReady(isReady(request)).build());
  }

  @Override
  public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> responses) {
    respond(responses, () -> ServerMetadataResponse.newBuilder()
        .setName(SERVER_NAME).setVersion(version).addAllExtensions(EXTENSIONS).build());
  }

  @Override
  public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> responses) {
    respond(responses, () -> views.metadata(request.getName(), request.getVersion()));
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> responses) {
    // A cancelled call's request leaves the queue through the Context listener; nothing to do here,
    // but with a handler set, a late answer to a cancelled call is dropped instead of thrown.
    ((ServerCallStreamObserver<ModelInferResponse>) responses).setOnCancelHandler(() -> { });
    CompletableFuture<ModelInferResponse> answer;
    try {
      answer = inferHandler.infer(request, Context.current());
    } catch (RuntimeException e) {
      responses.onError(StatusMapper.toException(e));
      return;
    }
    answer.whenComplete((response, failure) -> {
      if (failure != null) {
        responses.onError(StatusMapper.toException(failure));
      } else {
        responses.onNext(response);
        responses.onCompleted();
      }
    });
  }

  @Override
  public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
    return streams.open(new StreamInferCall(inferHandler, responses, streamWindow, streams)).start();
  }

  @Override
  public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> responses) {
    respond(responses, () -> ModelConfigResponse.newBuilder()
        .setConfig(models.lookup(request.getName(), request.getVersion()).spec().config()).build());
  }

  @Override
  public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> responses) {
    respond(responses, () -> ModelStatisticsResponse.newBuilder()
        .addAllModelStats(views.statistics(request.getName(), request.getVersion())).build());
  }

  @Override
  public void repositoryIndex(RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> responses) {
    respond(responses, () -> {
      RepositoryControl.requireServed(models, request.getRepositoryName());
      return views.index(request.getReady());
    });
  }

  @Override
  public void repositoryModelLoad(RepositoryModelLoadRequest request,
      StreamObserver<RepositoryModelLoadResponse> responses) {
    respond(responses, () -> {
      control.load(request);
      return RepositoryModelLoadResponse.getDefaultInstance();
    });
  }

  @Override
  public void repositoryModelUnload(RepositoryModelUnloadRequest request,
      StreamObserver<RepositoryModelUnloadResponse> responses) {
    respond(responses, () -> {
      control.unload(request);
      return RepositoryModelUnloadResponse.getDefaultInstance();
    });
  }

  @Override
  public void traceSetting(TraceSettingRequest request, StreamObserver<TraceSettingResponse> responses) {
    respond(responses, () -> settings.traceSetting(request));
  }

  @Override
  public void logSettings(LogSettingsRequest request, StreamObserver<LogSettingsResponse> responses) {
    respond(responses, () -> settings.logSettings(request));
  }

  @Override
  public void systemSharedMemoryRegister(SystemSharedMemoryRegisterRequest request,
      StreamObserver<SystemSharedMemoryRegisterResponse> responses) {
    respond(responses, () -> {
      sharedMemory.register(request.getName(), request.getKey(), request.getOffset(), request.getByteSize());
      return SystemSharedMemoryRegisterResponse.getDefaultInstance();
    });
  }

  @Override
  public void systemSharedMemoryStatus(SystemSharedMemoryStatusRequest request,
      StreamObserver<SystemSharedMemoryStatusResponse> responses) {
    respond(responses, () -> {
      SystemSharedMemoryStatusResponse.Builder status = SystemSharedMemoryStatusResponse.newBuilder();
      sharedMemory.status(request.getName()).forEach(region -> status.putRegions(region.getName(), region));
      return status.build();
    });
  }

  @Override
  public void systemSharedMemoryUnregister(SystemSharedMemoryUnregisterRequest request,
      StreamObserver<SystemSharedMemoryUnregisterResponse> responses) {
    respond(responses, () -> {
      sharedMemory.unregister(request.getName());
      return SystemSharedMemoryUnregisterResponse.getDefaultInstance();
    });
  }

  @Override
  public void cudaSharedMemoryRegister(CudaSharedMemoryRegisterRequest request,
      StreamObserver<CudaSharedMemoryRegisterResponse> responses) {
    responses.onError(NO_CUDA_SHARED_MEMORY.asRuntimeException());
  }

  @Override
  public void cudaSharedMemoryStatus(CudaSharedMemoryStatusRequest request,
      StreamObserver<CudaSharedMemoryStatusResponse> responses) {
    responses.onError(NO_CUDA_SHARED_MEMORY.asRuntimeException());
  }

  @Override
  public void cudaSharedMemoryUnregister(CudaSharedMemoryUnregisterRequest request,
      StreamObserver<CudaSharedMemoryUnregisterResponse> responses) {
    responses.onError(NO_CUDA_SHARED_MEMORY.asRuntimeException());
  }

  private boolean isReady(ModelReadyRequest request) {
    try {
      models.lookup(request.getName(), request.getVersion());
      return true;
    } catch (InferenceException e) {
      return false;
    }
  }

  private static <T> void respond(StreamObserver<T> responses, Supplier<T> answer) {
    T response;
    try {
      response = answer.get();
    } catch (RuntimeException e) {
      responses.onError(StatusMapper.toException(e));
      return;
    }
    responses.onNext(response);
    responses.onCompleted();
  }
}
