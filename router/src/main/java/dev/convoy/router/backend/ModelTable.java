package dev.convoy.router.backend;

import dev.convoy.proto.inference.RepositoryIndexResponse;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The models a backend serves and their ready versions, from its repository index. Immutable. */
public final class ModelTable {
  public static final ModelTable EMPTY = new ModelTable(new TreeMap<>());
  /** Numeric versions in numeric order, anything else after them in text order. */
  public static final Comparator<String> VERSION_ORDER = ModelTable::compareVersions;

  private final Map<String, SortedSet<String>> ready;

  private ModelTable(TreeMap<String, SortedSet<String>> ready) {
    this.ready = Collections.unmodifiableMap(ready);
  }

  /** The READY rows of an index; rows in other states are ignored. */
  public static ModelTable fromIndex(RepositoryIndexResponse index) {
    TreeMap<String, SortedSet<String>> ready = new TreeMap<>();
    for (RepositoryIndexResponse.ModelIndex row : index.getModelsList()) {
      if ("READY".equals(row.getState())) {
        SortedSet<String> versions = ready.computeIfAbsent(row.getName(), n -> new TreeSet<>(VERSION_ORDER));
        if (!row.getVersion().isEmpty()) {
          versions.add(row.getVersion());
        }
      }
    }
    ready.replaceAll((name, versions) -> Collections.unmodifiableSortedSet(versions));
    return new ModelTable(ready);
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
