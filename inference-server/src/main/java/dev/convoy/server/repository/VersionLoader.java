package dev.convoy.server.repository;

import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.VersionPolicy;
import dev.convoy.server.stats.VersionStatistics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/** Reads a model's config and versions from the repository and brings up their instances. */
final class VersionLoader {
  private final ModelRepository repository;
  private final ModelBackend backend;
  private final Clock clock;

  VersionLoader(ModelRepository repository, ModelBackend backend, Clock clock) {
    this.repository = repository;
    this.backend = backend;
    this.clock = clock;
  }

  /** A freshly loaded entry; on failure nothing stays allocated. */
  ModelEntry load(String model) {
    ModelSpec spec = ModelConfigParser.parse(model, repository.readConfig(model));
    List<Long> versions = selectVersions(spec);
    NavigableMap<Long, ServedVersion> served = new TreeMap<>();
    try {
      for (long version : versions) {
        served.put(version, new ServedVersion(spec, version, instances(spec, version), new VersionStatistics(clock)));
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

  private List<ModelInstance> instances(ModelSpec spec, long version) {
    List<ModelInstance> instances = new ArrayList<>();
    try {
      for (InstanceGroup group : spec.instanceGroups()) {
        List<Integer> devices = group.device() == InstanceGroup.Device.GPU ? group.gpus() : List.of(-1);
        for (int device : devices) {
          for (int i = 0; i < group.count(); i++) {
            instances.add(backend.load(spec, repository.versionDir(spec.name(), version), group, device));
          }
        }
      }
      return instances;
    } catch (RuntimeException e) {
      instances.forEach(ModelInstance::close);
      throw e;
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
