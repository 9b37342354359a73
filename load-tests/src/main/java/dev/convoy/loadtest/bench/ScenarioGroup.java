package dev.convoy.loadtest.bench;

import java.util.List;

/**
 * A named set of rows and the comparisons between them, selectable with {@code --scenario}.
 * Rows run in the order listed; a comparison may name rows of other groups (its value is then
 * shown only when both rows were selected).
 */
public interface ScenarioGroup {

  /** The name {@code --scenario} selects the group by, e.g. {@code batching}. */
  String name();

  /** One line for {@code --list}. */
  String description();

  List<RowSpec> rows(BenchSettings settings);

  List<Comparison> comparisons(BenchSettings settings);
}
