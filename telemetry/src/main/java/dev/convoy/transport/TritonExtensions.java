package dev.convoy.transport;

import java.util.List;

/**
 * The protocol extensions ServerMetadata lists, under Triton's names: the server and the router
 * in front of it answer the same.
 */
public final class TritonExtensions {
  /** What every Convoy server supports. */
  public static final List<String> SUPPORTED = List.of("classification", "model_repository",
      "model_repository(unload_dependents)", "schedule_policy", "model_configuration", "parameters", "statistics",
      "trace", "logging");

  private TritonExtensions() {}
}
