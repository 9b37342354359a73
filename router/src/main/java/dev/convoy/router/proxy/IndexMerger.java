package dev.convoy.router.proxy;

import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.router.backend.ModelTable;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the repository indexes of several backends into one.
 *
 * <ul>
 *   <li>Rows are deduplicated by (name, version). A row is READY if any backend has it
 *       READY; otherwise the first backend's state and reason stand.
 *   <li>A row without a version (a model with nothing loaded on that backend) is dropped when
 *       another backend lists versions of the same model.
 *   <li>Rows come out ordered by name, then version (numerically).
 * </ul>
 */
final class IndexMerger {
  private static final String READY = "READY";
  private static final Comparator<ModelIndex> ORDER = Comparator.comparing(ModelIndex::getName)
      .thenComparing(ModelIndex::getVersion, ModelTable.VERSION_ORDER);

  private IndexMerger() {}

  static RepositoryIndexResponse merge(List<RepositoryIndexResponse> indexes) {
    Map<List<String>, ModelIndex> rows = new LinkedHashMap<>();
    Set<String> versioned = new HashSet<>();
    for (RepositoryIndexResponse index : indexes) {
      for (ModelIndex row : index.getModelsList()) {
        if (!row.getVersion().isEmpty()) {
          versioned.add(row.getName());
        }
        rows.merge(List.of(row.getName(), row.getVersion()), row,
            (kept, next) -> !READY.equals(kept.getState()) && READY.equals(next.getState()) ? next : kept);
      }
    }
    RepositoryIndexResponse.Builder merged = RepositoryIndexResponse.newBuilder();
    rows.values().stream()
        .filter(row -> !row.getVersion().isEmpty() || !versioned.contains(row.getName()))
        .sorted(ORDER)
        .forEach(merged::addModels);
    return merged.build();
  }

  /** The serialised form of {@link #merge}, for the byte-level service. */
  static byte[] mergeBytes(List<byte[]> bodies) {
    return merge(bodies.stream().map(IndexMerger::parse).toList()).toByteArray();
  }

  private static RepositoryIndexResponse parse(byte[] body) {
    try {
      return RepositoryIndexResponse.parseFrom(body);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("a backend sent an invalid RepositoryIndexResponse", e);
    }
  }
}
