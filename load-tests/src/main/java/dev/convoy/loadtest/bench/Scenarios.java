package dev.convoy.loadtest.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The catalogue of scenario groups, and selecting rows from it by group name or row id. */
public final class Scenarios {

  /** Selects every row. */
  public static final String ALL = "all";

  private Scenarios() {}

  /** Every group, in the order they run. A new scenario is one more entry here. */
  public static List<ScenarioGroup> catalogue() {
    return List.of(new InProcessGroup(), new ServedGroup(), new BatchingGroup(),
        new RouterGroup(), new TracingGroup(), new StreamGroup(), new MonitorGroup(), new PyTorchGroup(),
        new TlsGroup());
  }

  /**
   * The rows to run and the comparisons to report.
   *
   * @param selectors group names, row ids, or row-id globs ({@code *} matches anything), or
   *     {@code all}; rows run in catalogue order whatever the order of the selectors
   * @return the selected rows, and the comparisons whose two rows are both selected
   * @throws IllegalArgumentException when a selector matches no row, listing what exists
   */
  public static Selection select(
      List<ScenarioGroup> groups, BenchSettings settings, List<String> selectors) {
    Map<String, RowSpec> all = new LinkedHashMap<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (ScenarioGroup group : groups) {
      group.rows(settings).forEach(row -> all.put(row.id(), row));
      comparisons.addAll(group.comparisons(settings));
    }
    Set<String> chosen = new HashSet<>();
    for (String selector : selectors) {
      List<String> matched = all.values().stream()
          .filter(row -> matches(selector.trim(), row))
          .map(RowSpec::id)
          .toList();
      if (matched.isEmpty()) {
        throw new IllegalArgumentException("--scenario '" + selector + "' matches nothing; groups: "
            + groups.stream().map(ScenarioGroup::name).collect(Collectors.joining(", "))
            + "; row ids: " + String.join(", ", all.keySet()));
      }
      chosen.addAll(matched);
    }
    List<RowSpec> rows = all.values().stream().filter(r -> chosen.contains(r.id())).toList();
    List<Comparison> kept = comparisons.stream()
        .filter(c -> chosen.contains(c.rowId()) && chosen.contains(c.baselineId()))
        .toList();
    return new Selection(rows, kept);
  }

  private static boolean matches(String selector, RowSpec row) {
    if (selector.equals(ALL) || selector.equals(row.group())) {
      return true;
    }
    String regex = Pattern.quote(selector).replace("*", "\\E.*\\Q");
    return row.id().matches(regex);
  }

  /** The rows to run, in order, and the comparisons between them. */
  public record Selection(List<RowSpec> rows, List<Comparison> comparisons) {
    public Selection {
      rows = List.copyOf(rows);
      comparisons = List.copyOf(comparisons);
    }
  }
}
