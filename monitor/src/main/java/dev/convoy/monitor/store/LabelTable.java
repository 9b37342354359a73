package dev.convoy.monitor.store;

import dev.convoy.monitor.sample.ModelKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Joins ground-truth labels to stored samples by request id, within a horizon. */
public final class LabelTable {
  private final MonitorStore store;

  LabelTable(MonitorStore store) {
    this.store = store;
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
   * Joins each label to the unlabelled samples with its request id whose time is within
   * {@code horizonNanos} before {@code nowNanos}; one transaction.
   */
  public Outcome join(List<Incoming> labels, long nowNanos, long horizonNanos) {
    int joined = 0;
    int unknown = 0;
    int late = 0;
    int duplicates = 0;
    Set<Touched> touched = new LinkedHashSet<>();
    String find = "SELECT id, model, version, window_index, received_nanos, label FROM samples"
        + " WHERE request_hash = ? AND request_id = ? AND (? = '' OR model = ?)";
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement select = c.prepareStatement(find);
          PreparedStatement update = c.prepareStatement(
              "UPDATE samples SET label = ?, labelled_nanos = ? WHERE id = ?")) {
        for (Incoming label : labels) {
          select.setLong(1, RequestHash.of(label.requestId()));
          select.setString(2, label.requestId());
          select.setString(3, label.model());
          select.setString(4, label.model());
          boolean any = false;
          boolean labelled = false;
          boolean fresh = false;
          try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
              any = true;
              r.getInt(6);
              if (!r.wasNull()) {
                labelled = true;
              } else if (nowNanos - r.getLong(5) <= horizonNanos) {
                fresh = true;
                update.setInt(1, label.label());
                update.setLong(2, nowNanos);
                update.setLong(3, r.getLong(1));
                update.addBatch();
                touched.add(new Touched(new ModelKey(r.getString(2), r.getString(3)), r.getLong(4)));
              }
            }
          }
          if (fresh) {
            joined++;
          } else if (labelled) {
            duplicates++;
          } else if (any) {
            late++;
          } else {
            unknown++;
          }
        }
        update.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot join " + labels.size() + " labels", e);
    }
    return new Outcome(joined, unknown, late, duplicates, touched);
  }
}
