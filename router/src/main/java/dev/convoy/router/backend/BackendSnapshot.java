package dev.convoy.router.backend;

import dev.convoy.router.config.BackendKind;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * One backend at one moment, as the admin service and tests see it.
 *
 * @param source {@code static} or {@code dns:<name>}
 * @param models model name to ready versions
 */
public record BackendSnapshot(String address, BackendKind kind, int weight, BackendState state, String reason,
    int outstanding, long served, long failed, Map<String, SortedSet<String>> models, String source,
    long ejections) {

  public List<String> modelNames() {
    return List.copyOf(models.keySet());
  }
}
