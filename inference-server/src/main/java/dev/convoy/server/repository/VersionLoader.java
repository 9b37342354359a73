package dev.convoy.server.repository;

import dev.convoy.batcher.DynamicBatcher;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.server.concurrent.NamedThreadFactory;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.backend.ReshapingInstance;
import dev.convoy.server.classify.ClassLabels;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.WarmupPlan;
import dev.convoy.server.model.VersionPolicy;
import dev.convoy.server.stats.VersionStatistics;
import dev.convoy.server.telemetry.ExecutionSite;
import dev.convoy.server.telemetry.RequestLabels;
import dev.convoy.server.telemetry.ServerTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/** Reads a model's config and versions from the repository and brings up their instances. */
final class VersionLoader {
  private final ModelRepository repository;
  private final ModelBackend backend;
  private final Timekeeping time;
  private final ServerTelemetry telemetry;

  VersionLoader(ModelRepository repository, ModelBackend backend, Timekeeping time, ServerTelemetry telemetry) {
    this.repository = repository;
    this.backend = backend;
    this.time = time;
    this.telemetry = telemetry;
  }

  /**
   * A freshly loaded entry; on failure nothing stays allocated.
   *
   * @param override the config to use instead of config.pbtxt
   */
  ModelEntry load(String model, Optional<ModelConfig> override) {
    ModelSpec spec = override.isPresent()
        ? ModelConfigParser.validate(model, override.get(), ModelConfigParser.OVERRIDE_SOURCE)
        : ModelConfigParser.parse(model, repository.readConfig(model));
    List<Long> versions = selectVersions(spec);
    Path modelDir = repository.modelDir(model);
    spec.outputs().stream().filter(output -> !output.labelFile().isEmpty())
        .forEach(output -> repository.requireInside(model, modelDir.resolve(output.labelFile())));
    ClassLabels classLabels = ClassLabels.load(spec, modelDir);
    NavigableMap<Long, ServedVersion> served = new TreeMap<>();
    try {
      for (long version : versions) {
        served.put(version, serve(spec, version, instances(spec, version), classLabels));
      }
    } catch (RuntimeException e) {
      served.values().forEach(VersionLoader::closeQuietly);
      throw e;
    }
    return new ModelEntry(model, ModelState.READY, "", Optional.of(spec), served);
  }

  private List<Long> selectVersions(ModelSpec spec) {
    SortedSet<Long> available = repository.versions(spec.name());
    var policy = spec.config().getVersionPolicy();
    List<Long> selected = VersionPolicy.select(policy, available);
    if (policy.hasSpecific() && selected.size() != policy.getSpecific().getVersionsCount()) {
      throw new ModelLoadException("model '" + spec.name() + "': version_policy.specific asks for "
          + policy.getSpecific().getVersionsList() + " but the repository has versions " + available);
    }
    if (selected.isEmpty()) {
      throw new ModelLoadException("model '" + spec.name() + "': no version directory to serve (found "
          + available + ")");
    }
    return selected;
  }

  /** Puts warm instances behind the version's batcher, each with a thread of its own. */
  private ServedVersion serve(ModelSpec spec, long version, List<ModelInstance> instances, ClassLabels classLabels) {
    VersionStatistics statistics = new VersionStatistics(time.wallClock());
    List<InstanceBatchExecutor> executors = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      ModelInstance instance = instances.get(i);
      ExecutionSite site = new ExecutionSite(spec.name(), version, i, instance.device());
      executors.add(new InstanceBatchExecutor(spec, instance, statistics, site, telemetry, time.nanoTime()));
      telemetry.metrics().instanceLoaded(site);
    }
    ExecutorService threads = Executors.newFixedThreadPool(instances.size(),
        new NamedThreadFactory("convoy-" + spec.name() + "-v" + version + "-instance"));
    DynamicBatcher<InferenceItem, InferenceResult> batcher = new DynamicBatcher<>(spec.name(), spec.batching(),
        executors, time.nanoTime(), time.scheduler(), threads);
    RequestLabels labels = telemetry.metrics().labels(spec.name(), Long.toString(version));
    telemetry.metrics().versionLoaded(labels);
    return new ServedVersion(spec, version, instances, batcher, threads, statistics, labels, classLabels);
  }

  /** Every instance the instance groups ask for, each warmed up before it is returned. */
  private List<ModelInstance> instances(ModelSpec spec, long version) {
    List<WarmupPlan.Run> warmup = WarmupPlan.of(spec, repository.modelDir(spec.name()), spec.warmupBatchSizes());
    // Canonical, so a backend opens what was checked: no link out of the repository on the way.
    Path versionDir = repository.versionDir(spec.name(), version);
    repository.requireInside(spec.name(), version, versionDir.resolve(spec.modelFileName()));
    List<ModelInstance> instances = new ArrayList<>();
    try {
      for (InstanceGroup group : spec.instanceGroups()) {
        List<Integer> devices = devicesOf(group);
        for (int device : devices) {
          for (int i = 0; i < group.count(); i++) {
            ModelInstance instance = ReshapingInstance.wrap(spec, backend.load(spec, versionDir, group, device));
            instances.add(instance);
            warmUp(spec, version, instance, warmup);
          }
        }
      }
      return instances;
    } catch (RuntimeException e) {
      instances.forEach(ModelInstance::close);
      throw e;
    }
  }

  /** -1 for a CPU group; the listed GPUs, or every GPU (at least device 0) when none is listed. */
  private List<Integer> devicesOf(InstanceGroup group) {
    if (group.device() == InstanceGroup.Device.CPU) {
      return List.of(-1);
    }
    if (!group.gpus().isEmpty()) {
      return group.gpus();
    }
    return IntStream.range(0, Math.max(1, backend.gpuCount())).boxed().toList();
  }

  private static void warmUp(ModelSpec spec, long version, ModelInstance instance, List<WarmupPlan.Run> runs) {
    List<String> outputs = spec.outputNames();
    for (WarmupPlan.Run run : runs) {
      try {
        for (int i = 0; i < run.count(); i++) {
          instance.run(run.inputs(), outputs);
        }
      } catch (RuntimeException e) {
        throw new ModelLoadException("model '" + spec.name() + "' version " + version + ": warm-up '" + run.name()
            + "' failed on " + instance.device() + ": " + e.getMessage(), e);
      }
    }
  }

  private static void closeQuietly(ServedVersion version) {
    try {
      version.drainAndClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
