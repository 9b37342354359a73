package dev.convoy.router.backend;

import dev.convoy.proto.inference.RepositoryIndexResponse;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The models a backend serves and their ready versions, from its repository index, and every
 * model and version its repository lists in any state. Immutable.
 */
public final class ModelTable {
  public static final ModelTable EMPTY = new ModelTable(new TreeMap<>(), Map.of());
  /** Numeric versions in numeric order, anything else after them in text order. */
  public static final Comparator<String> VERSION_ORDER = ModelTable::compareVersions;

  private final Map<String, SortedSet<String>> ready;
  /** Every model listed, to the versions listed for it; "" among them: a row without a version. */
  private final Map<String, Set<String>> listed;

  private ModelTable(TreeMap<String, SortedSet<String>> ready, Map<String, Set<String>> listed) {
    this.ready = Collections.unmodifiableMap(ready);
    this.listed = listed;
  }

  /** The READY rows of an index serve; every row is listed. */
  public static ModelTable fromIndex(RepositoryIndexResponse index) {
    TreeMap<String, SortedSet<String>> ready = new TreeMap<>();
    Map<String, Set<String>> listed = new HashMap<>();
    for (RepositoryIndexResponse.ModelIndex row : index.getModelsList()) {
      listed.computeIfAbsent(row.getName(), n -> new HashSet<>()).add(row.getVersion());
      if ("READY".equals(row.getState())) {
        SortedSet<String> versions = ready.computeIfAbsent(row.getName(), n -> new TreeSet<>(VERSION_ORDER));
        if (!row.getVersion().isEmpty()) {
          versions.add(row.getVersion());
        }
      }
    }
    ready.replaceAll((name, versions) -> Collections.unmodifiableSortedSet(versions));
    listed.replaceAll((name, versions) -> Set.copyOf(versions));
    return new ModelTable(ready, Map.copyOf(listed));
  }

  /**
   * Whether the repository has {@code model} (and {@code version}) in any state, so it may
   * serve it once loaded. A model listed without versions (not loaded) may have any version.
   *
   * @param version empty: any version
   */
  public boolean lists(String model, String version) {
    Set<String> versions = listed.get(model);
    return versions != null && (version.isEmpty() || versions.contains(version) || versions.contains(""));
  }

  /** @param version empty: any ready version */
  public boolean serves(String model, String version) {
    SortedSet<String> versions = ready.get(model);
    return versions != null && (version.isEmpty() || versions.contains(version));
  }

  /** Model name to ready versions, in name order. */
  public Map<String, SortedSet<String>> models() {
    return ready;
  }

  public List<String> modelNames() {
    return List.copyOf(ready.keySet());
  }

  static int compareVersions(String a, String b) {
    boolean numA = isNumber(a);
    boolean numB = isNumber(b);
    if (numA && numB) {
      int byLength = Integer.compare(a.length(), b.length());
      return byLength != 0 ? byLength : a.compareTo(b);
    }
    if (numA != numB) {
      return numA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit) && (s.length() == 1 || s.charAt(0) != '0');
  }
}
