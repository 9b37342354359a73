package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.grpc.ChannelPool;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import dev.convoy.loadtest.input.InferRequests;
import dev.convoy.loadtest.input.InputException;
import dev.convoy.loadtest.input.InputSpec;
import dev.convoy.loadtest.input.ModelInputs;
import dev.convoy.loadtest.input.RowsCsv;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.convoy.proto.inference.InferBatchStatistics;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real inference server, in this JVM on a loopback port (Netty, plaintext), serving a
 * {@link ScenarioRepository} copy of one model, with a client connection and the requests the
 * rows send: batch-1 {@code ModelInferRequest}s built from the data rows, in
 * {@code raw_input_contents}.
 */
public final class RunningServer implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final long CONTROL_DEADLINE_SECONDS = 30;

  private final String model;
  private final ScenarioRepository repository;
  private final InferenceServer server;
  private final TracingExport tracing;
  private final ChannelPool channels;
  private List<ModelInferRequest> requests = List.of();

  private RunningServer(String model, ScenarioRepository repository, InferenceServer server,
      TracingExport tracing, ChannelPool channels) {
    this.model = model;
    this.repository = repository;
    this.server = server;
    this.tracing = tracing;
    this.channels = channels;
  }

  /**
   * Copies the model for the variant, starts a server on it and checks the model is READY.
   *
   * @throws NotRunException naming the model, the variant and what went wrong (e.g. the
   *     server's reason for rejecting the config)
   */
  static RunningServer start(Path source, String model, ModelVariant variant, RowsCsv rows)
      throws NotRunException, InterruptedException {
    return start(source, model, variant, rows, false);
  }

  /** @param traced every span sampled and exported to a loopback OTLP receiver */
  static RunningServer start(Path source, String model, ModelVariant variant, RowsCsv rows,
      boolean traced) throws NotRunException, InterruptedException {
    String what = model + " (" + variant.describe() + (traced ? ", traced" : "") + ")";
    ScenarioRepository repository;
    try {
      repository = ScenarioRepository.create(source, model, variant);
    } catch (IOException e) {
      throw new NotRunException("cannot prepare " + what + ": " + e.getMessage(), e);
    }
    InferenceServer server;
    TracingExport tracing;
    try {
      tracing = traced ? TracingExport.everySpan() : TracingExport.off();
    } catch (IOException e) {
      repository.close();
      throw new NotRunException("no OTLP receiver for " + what + ": " + e.getMessage(), e);
    }
    try {
      server = InferenceServer.start(ServerOptions.loopback(repository.root()),
          new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(), tracing.openTelemetry());
    } catch (RuntimeException e) {
      tracing.close();
      repository.close();
      throw new NotRunException("server for " + what + " did not start: " + e.getMessage(), e);
    }
    RunningServer running = new RunningServer(model, repository, server, tracing,
        ChannelPool.open(ChannelSettings.plaintext(LOOPBACK, server.port())));
    boolean started = false;
    try {
      running.channels.awaitReady();
      running.requireReady(what);
      running.requests = running.buildRequests(rows);
      started = true;
      return running;
    } catch (ServerUnreachableException | InputException | StatusRuntimeException e) {
      throw new NotRunException("server for " + what + " failed: " + e.getMessage(), e);
    } finally {
      if (!started) {
        running.close();
      }
    }
  }

  private void requireReady(String what) throws NotRunException {
    List<ModelIndex> index = stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance())
        .getModelsList().stream()
        .filter(m -> m.getName().equals(model))
        .toList();
    if (index.stream().noneMatch(m -> m.getState().equals("READY"))) {
      String reason = index.stream().map(ModelIndex::getReason).filter(r -> !r.isEmpty())
          .findFirst().orElse("state " + index.stream().map(ModelIndex::getState).toList());
      throw new NotRunException("server did not load " + what + ": " + reason);
    }
  }

  private List<ModelInferRequest> buildRequests(RowsCsv rows) throws InputException {
    List<InputSpec> inputs = ModelInputs.resolve(
        stub().modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build()),
        1, List.of());
    return InferRequests.fromRows(model, "", inputs, rows, 1);
  }

  /** The loopback port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The model it serves. */
  public String model() {
    return model;
  }

  /** The connection(s) the rows' workers call over. */
  public List<? extends Channel> channels() {
    return channels.channels();
  }

  /** One batch-1 request per data row, the same for every row of the run. */
  public List<ModelInferRequest> requests() {
    return requests;
  }

  /**
   * Model executions so far by executed batch size, summed over versions, from
   * ModelStatistics' {@code batch_stats} (each batch size's {@code compute_infer} count).
   */
  public Map<Long, Long> executionsByBatchSize() {
    Map<Long, Long> executions = new HashMap<>();
    List<ModelStatistics> stats = stub()
        .modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build())
        .getModelStatsList();
    for (ModelStatistics version : stats) {
      for (InferBatchStatistics batch : version.getBatchStatsList()) {
        executions.merge(batch.getBatchSize(), batch.getComputeInfer().getCount(), Long::sum);
      }
    }
    return executions;
  }

  private GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channels.channel(0))
        .withDeadlineAfter(CONTROL_DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** Closes the connection, stops the server (gracefully) and deletes the copy. */
  @Override
  public void close() {
    try {
      channels.close();
      server.close();
      tracing.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      repository.close();
    }
  }

  /** Whether this server's traces reached its OTLP receiver within {@code timeout}. */
  boolean tracesExported(Duration timeout) {
    return tracing.exported(timeout);
  }
}
