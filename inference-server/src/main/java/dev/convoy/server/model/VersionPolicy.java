package dev.convoy.server.model;

import dev.convoy.proto.inference.ModelVersionPolicy;
import java.util.List;
import java.util.SortedSet;

/** Picks, from the version directories present, the versions a model's policy serves. */
public final class VersionPolicy {
  private VersionPolicy() {}

  /** The served versions in ascending order; may be empty. */
  public static List<Long> select(ModelVersionPolicy policy, SortedSet<Long> available) {
    if (policy.hasAll()) {
      return List.copyOf(available);
    }
    if (policy.hasSpecific()) {
      return available.stream().filter(policy.getSpecific().getVersionsList()::contains).toList();
    }
    int wanted = Math.max(1, policy.getLatest().getNumVersions());
    List<Long> ascending = List.copyOf(available);
    return ascending.subList(Math.max(0, ascending.size() - wanted), ascending.size());
  }
}
