package dev.convoy.server.repository;

import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.stats.VersionStatistics;
import dev.convoy.server.tensor.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model version that is up: its instances, its statistics, and the gate that keeps it open
 * while requests use it. Callers hold it between {@link ModelManager#acquire} and
 * {@link #release}.
 */
public final class ServedVersion {
  private final ModelSpec spec;
  private final long version;
  private final List<ModelInstance> instances;
  private final VersionStatistics statistics;
  private final InFlightGate gate = new InFlightGate();
  private final AtomicInteger nextInstance = new AtomicInteger();

  ServedVersion(ModelSpec spec, long version, List<ModelInstance> instances, VersionStatistics statistics) {
    this.spec = spec;
    this.version = version;
    this.instances = List.copyOf(instances);
    this.statistics = statistics;
  }

  public ModelSpec spec() {
    return spec;
  }

  public long version() {
    return version;
  }

  public VersionStatistics statistics() {
    return statistics;
  }

  /** Runs on the instances in turn. */
  public Execution run(List<Tensor> inputs, List<String> outputs) {
    ModelInstance instance = instances.get(Math.floorMod(nextInstance.getAndIncrement(), instances.size()));
    return instance.run(inputs, outputs);
  }

  /** Ends a use begun by {@link ModelManager#acquire}. */
  public void release() {
    gate.exit();
  }

  boolean tryEnter() {
    return gate.tryEnter();
  }

  /** Waits for in-flight requests to finish, then frees the instances. */
  void drainAndClose() throws InterruptedException {
    gate.closeAndAwait();
    instances.forEach(ModelInstance::close);
  }
}
