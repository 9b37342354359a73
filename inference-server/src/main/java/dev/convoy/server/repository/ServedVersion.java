package dev.convoy.server.repository;

import dev.convoy.batcher.BatchRequest;
import dev.convoy.batcher.DynamicBatcher;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.classify.ClassLabels;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.stats.VersionStatistics;
import dev.convoy.server.telemetry.RequestLabels;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A model version that is up: its warm instances behind the version's batcher, its statistics,
 * and the gate that keeps it open while requests use it. Callers hold it between
 * {@link ModelManager#acquire} and {@link #release}.
 */
public final class ServedVersion {
  private final ModelSpec spec;
  private final long version;
  private final List<ModelInstance> instances;
  private final DynamicBatcher<InferenceItem, InferenceResult> batcher;
  private final ExecutorService instanceThreads;
  private final VersionStatistics statistics;
  private final String versionName;
  private final RequestLabels labels;
  private final ClassLabels classLabels;
  private final InFlightGate gate = new InFlightGate();
  private final Object cacheScope = new Object();

  ServedVersion(ModelSpec spec, long version, List<ModelInstance> instances,
      DynamicBatcher<InferenceItem, InferenceResult> batcher, ExecutorService instanceThreads,
      VersionStatistics statistics, RequestLabels labels, ClassLabels classLabels) {
    this.spec = spec;
    this.classLabels = classLabels;
    this.version = version;
    this.versionName = Long.toString(version);
    this.labels = labels;
    this.instances = List.copyOf(instances);
    this.batcher = batcher;
    this.instanceThreads = instanceThreads;
    this.statistics = statistics;
  }

  public ModelSpec spec() {
    return spec;
  }

  public long version() {
    return version;
  }

  /** The version as the protocol spells it. */
  public String versionName() {
    return versionName;
  }

  /** The labels of this version's request metrics. */
  public RequestLabels labels() {
    return labels;
  }

  /** The labels of the model's classification outputs ({@code label_filename}). */
  public ClassLabels classLabels() {
    return classLabels;
  }

  /** Unique to this loaded version: cached answers of an earlier load never answer for it. */
  public Object cacheScope() {
    return cacheScope;
  }

  public VersionStatistics statistics() {
    return statistics;
  }

  /** Queues a request; the future fails with the batcher's typed refusals. */
  public CompletableFuture<InferenceResult> submit(BatchRequest<InferenceItem> request) {
    return batcher.submit(request);
  }

  /** Requests waiting in the version's queue for a batch. */
  public int queuedRequests() {
    return batcher.queuedRequests();
  }

  /** Ends a use begun by {@link ModelManager#acquire}. */
  public void release() {
    gate.exit();
  }

  boolean tryEnter() {
    return gate.tryEnter();
  }

  /** Refuses new requests, finishes every queued and running one, then frees the instances. */
  void drainAndClose() throws InterruptedException {
    gate.closeAndAwait();
    try {
      batcher.drainAndClose().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("draining model '" + spec.name() + "' version " + version, e.getCause());
    }
    instanceThreads.shutdown();
    instanceThreads.awaitTermination(1, TimeUnit.MINUTES);
    instances.forEach(ModelInstance::close);
  }
}
