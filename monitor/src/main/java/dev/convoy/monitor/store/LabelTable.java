package dev.convoy.monitor.store;

import dev.convoy.monitor.sample.ModelKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins ground-truth labels to stored samples by request id, within a horizon. A label is a
 * row of its own (batch id and position of its sample): labels come one by one, samples a
 * batch at a time.
 */
public final class LabelTable {
  private final MonitorStore store;
  private final SampleTable samples;

  LabelTable(MonitorStore store, SampleTable samples) {
    this.store = store;
    this.samples = samples;
  }

  /** A label to join; an empty model joins samples of any model. */
  public record Incoming(String requestId, int label, String model) {
  }

  /** A window whose labels changed. */
  public record Touched(ModelKey key, long windowIndex) {
  }

  /** What became of a call's labels. */
  public record Outcome(int joined, int unknown, int late, int duplicates, Set<Touched> touched) {
  }

  /**
   * Joins each label to the unlabelled samples with its request id received within
   * {@code horizonNanos} before {@code nowNanos}; one transaction.
   */
  public Outcome join(List<Incoming> labels, long nowNanos, long horizonNanos) {
    Counts counts = new Counts();
    Set<Touched> touched = new LinkedHashSet<>();
    Map<Long, SampleTable.Head> heads = new HashMap<>();
    Map<Long, Map<Integer, Integer>> labelled = new HashMap<>();
    try (Connection c = store.connection(); PreparedStatement insert = SampleTable.labelInsert(c)) {
      c.setAutoCommit(false);
      for (Incoming label : labels) {
        boolean any = false;
        boolean already = false;
        boolean fresh = false;
        for (long ref : samples.find(label.requestId())) {
          long batch = RequestIndex.batchOf(ref);
          int position = RequestIndex.positionOf(ref);
          SampleTable.Head head = samples.head(c, batch, heads);
          if (!head.requestIds().get(position).equals(label.requestId())
              || !(label.model().isEmpty() || label.model().equals(head.key().model()))) {
            continue;
          }
          any = true;
          Map<Integer, Integer> ofBatch = labelled.computeIfAbsent(batch, b -> labelsOf(c, b));
          if (ofBatch.containsKey(position)) {
            already = true;
          } else if (nowNanos - head.receivedNanos() <= horizonNanos) {
            fresh = true;
            ofBatch.put(position, label.label());
            SampleTable.addLabel(insert, batch, position, label.label());
            touched.add(new Touched(head.key(), head.windowIndex()));
          }
        }
        counts.add(fresh, already, any);
      }
      insert.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot join " + labels.size() + " labels", e);
    }
    return new Outcome(counts.joined, counts.unknown, counts.late, counts.duplicates, touched);
  }

  private static Map<Integer, Integer> labelsOf(Connection c, long batch) {
    try {
      return SampleTable.labels(c, batch);
    } catch (SQLException e) {
      throw new StoreException("cannot read the labels of batch " + batch, e);
    }
  }

  private static final class Counts {
    int joined;
    int unknown;
    int late;
    int duplicates;

    void add(boolean fresh, boolean already, boolean any) {
      if (fresh) {
        joined++;
      } else if (already) {
        duplicates++;
      } else if (any) {
        late++;
      } else {
        unknown++;
      }
    }
  }
}
