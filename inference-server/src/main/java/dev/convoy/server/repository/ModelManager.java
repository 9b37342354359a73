package dev.convoy.server.repository;

import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.error.InferenceException;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.error.ModelNotFoundException;
import dev.convoy.server.error.ModelUnavailableException;
import dev.convoy.server.telemetry.ServerTelemetry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the server hosts. Requests read immutable {@link ModelEntry} snapshots without
 * locking; loads and unloads of one model are serialised, and different models never wait on
 * each other.
 */
public final class ModelManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelManager.class);

  private final ModelRepository repository;
  private final VersionLoader loader;
  private final ModelStateListener listener;
  private final Map<String, ModelEntry> entries = new ConcurrentHashMap<>();
  private final Map<String, Object> lifecycleLocks = new ConcurrentHashMap<>();

  /** A manager whose model executions are neither traced nor measured. */
  public ModelManager(ModelRepository repository, ModelBackend backend,
      Timekeeping time, ModelStateListener listener) {
    this(repository, backend, time, ServerTelemetry.noop(time.nanoTime()), listener);
  }

  /** @param telemetry records every batch the hosted models execute */
  public ModelManager(ModelRepository repository, ModelBackend backend,
      Timekeeping time, ServerTelemetry telemetry, ModelStateListener listener) {
    this.repository = repository;
    this.loader = new VersionLoader(repository, backend, time, telemetry);
    this.listener = listener;
  }

  public ModelRepository repository() {
    return repository;
  }

  /** Loads every model in the repository; a model that fails is logged and left UNAVAILABLE. */
  public void loadAll() {
    loadEach(repository.modelNames());
  }

  /** Loads each of {@code models}; one that fails is logged and left UNAVAILABLE. */
  public void loadEach(List<String> models) {
    for (String model : models) {
      try {
        load(model);
      } catch (InferenceException e) {
        log.error("{}", e.getMessage());
      }
    }
  }

  /** Loads a model with its repository config; see {@link #load(String, Optional)}. */
  public void load(String model) {
    load(model, Optional.empty());
  }

  /**
   * Loads a model, or reloads it: the versions serving now keep serving until the new ones are
   * up, and are closed once their in-flight requests finish. If the reload fails they stay.
   *
   * @param override a config used for this load instead of the model's config.pbtxt (Triton's
   *     load {@code config} parameter); a later load without one reads config.pbtxt again
   * @throws InvalidInputException when the name is not a plain model directory name
   * @throws ModelNotFoundException when the repository has no such model
   * @throws dev.convoy.server.error.ModelLoadException naming what is wrong with the model
   */
  public void load(String model, Optional<ModelConfig> override) {
    ModelRepository.requireValidName(model);
    if (!repository.contains(model)) {
      throw new ModelNotFoundException("model '" + model + "' is not in repository '" + repository.name() + "'");
    }
    synchronized (lockFor(model)) {
      ModelEntry previous = entries.get(model);
      boolean serving = previous != null && !previous.versions().isEmpty();
      if (!serving) {
        publish(ModelEntry.without(model, ModelState.LOADING, ""));
      }
      ModelEntry loaded;
      try {
        loaded = loader.load(model, override);
      } catch (RuntimeException e) {
        publish(serving ? previous.withReason("reload failed: " + e.getMessage())
            : ModelEntry.without(model, ModelState.UNAVAILABLE, e.getMessage()));
        throw e;
      }
      publish(loaded);
      log.info("model '{}' ready: versions {}", model, loaded.versions().keySet());
      if (serving) {
        drain(previous);
      }
    }
  }

  /**
   * Stops a model taking requests, waits for those in flight, then frees it.
   *
   * @throws InvalidInputException when the name is not a plain model directory name
   * @throws ModelNotFoundException when the model is neither loaded nor in the repository
   */
  public void unload(String model) {
    ModelRepository.requireValidName(model);
    if (!entries.containsKey(model) && !repository.contains(model)) {
      throw new ModelNotFoundException("unknown model '" + model + "'");
    }
    synchronized (lockFor(model)) {
      ModelEntry previous = entries.get(model);
      if (previous == null || previous.versions().isEmpty()) {
        return;
      }
      publish(ModelEntry.without(model, ModelState.UNLOADING, ""));
      drain(previous);
      publish(ModelEntry.without(model, ModelState.UNAVAILABLE, "unloaded"));
      log.info("model '{}' unloaded", model);
    }
  }

  /**
   * The version that should answer a request, held open until {@link ServedVersion#release}.
   *
   * @param version empty for the highest version serving
   */
  public ServedVersion acquire(String model, String version) {
    // A reload may close the version between lookup and entry; the fresh snapshot then has its successor.
    for (int attempt = 0; attempt < 3; attempt++) {
      ServedVersion served = lookup(model, version);
      if (served.tryEnter()) {
        return served;
      }
    }
    throw new ModelUnavailableException("model '" + model + "' is being reloaded; retry");
  }

  /** The version a request would get, without holding it. */
  public ServedVersion lookup(String model, String version) {
    ModelEntry entry = entry(model).orElseThrow(() -> repository.contains(model)
        ? new ModelUnavailableException("model '" + model + "' is not loaded")
        : new ModelNotFoundException("unknown model '" + model + "'"));
    if (entry.versions().isEmpty()) {
      throw new ModelUnavailableException("model '" + model + "' is not ready: " + entry.state()
          + (entry.reason().isEmpty() ? "" : " (" + entry.reason() + ")"));
    }
    if (version.isEmpty()) {
      return entry.versions().lastEntry().getValue();
    }
    ServedVersion served = entry.versions().get(parseVersion(model, version));
    if (served == null) {
      throw new ModelNotFoundException("model '" + model + "' has no version " + version
          + " serving; versions serving: " + entry.versions().keySet());
    }
    return served;
  }

  public Optional<ModelEntry> entry(String model) {
    return Optional.ofNullable(entries.get(model));
  }

  public Collection<ModelEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** Unloads every model, letting in-flight requests finish. */
  @Override
  public void close() {
    for (String model : List.copyOf(entries.keySet())) {
      unload(model);
    }
  }

  private static long parseVersion(String model, String version) {
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("model '" + model + "': version '" + version + "' is not an integer");
    }
  }

  private void publish(ModelEntry entry) {
    entries.put(entry.name(), entry);
    listener.onStateChange(entry.name(), entry.state());
  }

  private void drain(ModelEntry retired) {
    for (ServedVersion version : retired.versions().values()) {
      try {
        version.drainAndClose();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("interrupted while draining model '{}' version {}", retired.name(), version.version());
        return;
      }
    }
  }

  private Object lockFor(String model) {
    return lifecycleLocks.computeIfAbsent(model, m -> new Object());
  }
}
