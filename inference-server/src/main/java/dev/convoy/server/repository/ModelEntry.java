package dev.convoy.server.repository;

import dev.convoy.server.model.ModelSpec;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of one model: its state, why it is in it, and the versions serving.
 * The manager replaces the whole snapshot on every change, so readers never lock.
 *
 * @param spec the configuration of the serving versions; empty when none serve
 */
public record ModelEntry(String name, ModelState state, String reason, Optional<ModelSpec> spec,
    NavigableMap<Long, ServedVersion> versions) {

  public ModelEntry {
    versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
  }

  static ModelEntry without(String name, ModelState state, String reason) {
    return new ModelEntry(name, state, reason, Optional.empty(), new TreeMap<>());
  }

  ModelEntry withReason(String newReason) {
    return new ModelEntry(name, state, newReason, spec, versions);
  }
}
