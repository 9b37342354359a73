package dev.convoy.monitor.store;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import dev.convoy.monitor.sample.Scores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the samples of a database from before {@link SampleBatch} (a {@code samples} table, one
 * row per sample, the label in the row) into batches and labels, then drops that table. The
 * move is one transaction and dropping it commits: a database that has both tables was moved
 * already, its old table only left to drop.
 */
final class LegacySamples {
  private LegacySamples() {}

  static void migrate(MonitorStore store, SampleTable samples) {
    try (Connection c = store.connection(); Statement s = c.createStatement()) {
      if (!exists(s, "SAMPLES")) {
        return;
      }
      if (!exists(s, "SAMPLE_BATCHES") || isEmpty(s)) {
        move(c, samples);
      }
      s.execute("DROP TABLE samples");
    } catch (SQLException e) {
      throw new StoreException("cannot move the samples of the old layout", e);
    }
  }

  private static boolean exists(Statement s, String table) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '"
        + table + "' AND TABLE_SCHEMA = 'PUBLIC'")) {
      r.next();
      return r.getLong(1) > 0;
    }
  }

  private static boolean isEmpty(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sample_batches")) {
      r.next();
      return r.getLong(1) == 0;
    }
  }

  /** Rows in id order; consecutive rows of one window and arrival time make one batch. */
  private static void move(Connection c, SampleTable samples) throws SQLException {
    List<SampleTable.Placed> placed = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT model, version, request_id,"
        + " window_index, time_nanos, received_nanos, trace_id, features, scores, label FROM samples ORDER BY id")) {
      while (r.next()) {
        Sample sample = new Sample(new ModelKey(r.getString(1), r.getString(2)), r.getString(3), r.getLong(5),
            r.getLong(6), r.getString(7), Scores.fromBytes(r.getBytes(8)), Scores.fromBytes(r.getBytes(9)));
        placed.add(new SampleTable.Placed(sample, r.getLong(4)));
        int label = r.getInt(10);
        labels.add(r.wasNull() ? -1 : label);
      }
    }
    samples.insert(placed, labels);
  }
}
