package dev.convoy.loadtest.bench;

import java.util.Objects;

/**
 * One row of the table, before it runs.
 *
 * @param id stable name, used to select the row and by comparisons, e.g. {@code served-mlp-c8}
 * @param group the scenario group it belongs to, e.g. {@code served}
 * @param scenario what runs, for the scenario column, e.g. {@code served, loopback}
 * @param configuration the settings that differ between rows, e.g.
 *     {@code digits_mlp, c=8, batch-1 requests}
 * @param probe how it is measured
 */
public record RowSpec(
    String id, String group, String scenario, String configuration, Probe probe) {

  public RowSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(probe, "probe");
  }
}
