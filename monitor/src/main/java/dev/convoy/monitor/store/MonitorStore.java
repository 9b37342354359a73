package dev.convoy.monitor.store;

import dev.convoy.monitor.quality.ConfusionMatrix;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import dev.convoy.monitor.sample.Scores;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Samples, labels, window reports and alert events in an embedded H2 database. Each write
 * method is one transaction, committed before it returns; H2 writes each commit to the file
 * at once ({@code WRITE_DELAY=0}), so a killed process keeps every write that returned.
 * Writes are expected from one thread; reads may come from any.
 *
 * <p>Samples are found by request id through one index on {@link RequestHash} of the id, not
 * on the id itself: H2's store rewrites every index page a commit touches, and ids arrive in
 * random order (UUIDs), so each sample cost a rewritten page per string index, its strings
 * serialized anew (two such indexes took most of the monitor's CPU at 8,000 samples/s). The
 * one writer thread keeps (model, version, request id) unique by looking before it inserts.
 */
public final class MonitorStore implements AutoCloseable {
  private final JdbcConnectionPool pool;
  private final ReferenceTable references;
  private final LabelTable labels;
  /**
   * The next sample's id, assigned here rather than by the column's identity sequence: H2
   * writes a sequence's state to the file every 32 values, and at thousands of samples a second
   * those writes took a third of the monitor's CPU.
   */
  private final AtomicLong nextSampleId = new AtomicLong();

  private MonitorStore(JdbcConnectionPool pool) {
    this.pool = pool;
    this.references = new ReferenceTable(this);
    this.labels = new LabelTable(this);
  }

  /** Opens (creating if needed) the database at {@code file} (H2 adds {@code .mv.db}). */
  public static MonitorStore open(Path file) {
    String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "convoy", "");
    MonitorStore store = new MonitorStore(pool);
    try {
      store.createSchema();
      store.hashUnhashedIds();
      store.nextSampleId.set(store.largestSampleId() + 1);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
    return store;
  }

  public LabelTable labels() {
    return labels;
  }

  public ReferenceTable references() {
    return references;
  }

  private void createSchema() {
    String sql;
    try (InputStream in = MonitorStore.class.getResourceAsStream("/monitor-schema.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read the schema", e);
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String statement : sql.split(";")) {
        String stripped = statement.lines().filter(l -> !l.strip().startsWith("--"))
            .reduce("", (a, b) -> a + "\n" + b).strip();
        if (!stripped.isEmpty()) {
          s.execute(stripped);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot create the schema", e);
    }
  }

  private long largestSampleId() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM samples")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot read the largest sample id", e);
    }
  }

  /** Fills request_hash of samples stored before the column existed. */
  private void hashUnhashedIds() {
    try (Connection c = pool.getConnection();
        PreparedStatement unhashed = c.prepareStatement("SELECT id, request_id FROM samples WHERE request_hash IS NULL");
        PreparedStatement hash = c.prepareStatement("UPDATE samples SET request_hash = ? WHERE id = ?")) {
      c.setAutoCommit(false);
      try (ResultSet r = unhashed.executeQuery()) {
        while (r.next()) {
          hash.setLong(1, RequestHash.of(r.getString(2)));
          hash.setLong(2, r.getLong(1));
          hash.addBatch();
        }
      }
      hash.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot hash the request ids of stored samples", e);
    }
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** A sample and the window it joined. */
  public record Placed(Sample sample, long windowIndex) {
  }

  /**
   * Stores the samples not stored before, in one transaction.
   *
   * @return the positions (in {@code samples}) of those that were already stored
   */
  public Set<Integer> insertSamples(List<Placed> samples) {
    Set<Integer> duplicates = new HashSet<>();
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      long[] hashes = samples.stream().mapToLong(p -> RequestHash.of(p.sample().requestId())).toArray();
      Set<String> seen = stored(c, samples, hashes);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO samples (model, version, request_id,"
          + " window_index, time_nanos, received_nanos, trace_id, features, scores, predicted, request_hash, id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < samples.size(); i++) {
          Sample s = samples.get(i).sample();
          if (!seen.add(identity(s.key(), s.requestId()))) {
            duplicates.add(i);
            continue;
          }
          insert.setString(1, s.key().model());
          insert.setString(2, s.key().version());
          insert.setString(3, s.requestId());
          insert.setLong(4, samples.get(i).windowIndex());
          insert.setLong(5, s.timeNanos());
          insert.setLong(6, s.receivedNanos());
          insert.setString(7, s.traceId());
          insert.setBytes(8, Scores.toBytes(s.features()));
          insert.setBytes(9, Scores.toBytes(s.scores()));
          insert.setInt(10, s.predicted());
          insert.setLong(11, hashes[i]);
          insert.setLong(12, nextSampleId.getAndIncrement());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot store " + samples.size() + " samples", e);
    }
    return duplicates;
  }

  /**
   * Which of the batch's (model version, request id) pairs are stored already: one lookup per
   * sample on the request hash index ({@code hashes}, by position), the id compared. (H2 does not use an index for
   * {@code request_id = ANY(?)}: it scanned every stored sample of the model version per batch.)
   */
  private static Set<String> stored(Connection c, List<Placed> samples, long[] hashes) throws SQLException {
    Set<String> stored = new HashSet<>();
    try (PreparedStatement exists = c.prepareStatement(
        "SELECT 1 FROM samples WHERE request_hash = ? AND request_id = ? AND model = ? AND version = ?")) {
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i).sample();
        exists.setLong(1, hashes[i]);
        exists.setString(2, s.requestId());
        exists.setString(3, s.key().model());
        exists.setString(4, s.key().version());
        try (ResultSet r = exists.executeQuery()) {
          if (r.next()) {
            stored.add(identity(s.key(), s.requestId()));
          }
        }
      }
    }
    return stored;
  }

  private static String identity(ModelKey key, String requestId) {
    return key + "\n" + requestId;
  }

  /** The first {@code limit} samples stored for {@code key}, with their labels (-1 if none). */
  public List<LabelledSample> firstSamples(ModelKey key, int limit) {
    return samples("WHERE model = ? AND version = ? ORDER BY id LIMIT ?", key, limit);
  }

  /** The samples of windows after {@code windowIndex}: the open window after a restart. */
  public List<LabelledSample> samplesAfterWindow(ModelKey key, long windowIndex) {
    return samples("WHERE model = ? AND version = ? AND window_index > ? ORDER BY id", key, windowIndex);
  }

  /** The samples of one window. */
  public List<LabelledSample> samplesOfWindow(ModelKey key, long windowIndex) {
    return samples("WHERE model = ? AND version = ? AND window_index = ? ORDER BY id", key, windowIndex);
  }

  /** A stored sample and its label, -1 when it has none. */
  public record LabelledSample(Sample sample, int label) {
  }

  private List<LabelledSample> samples(String where, ModelKey key, long parameter) {
    String sql = "SELECT request_id, time_nanos, received_nanos, trace_id, features, scores, label"
        + " FROM samples " + where;
    List<LabelledSample> out = new ArrayList<>();
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.model());
      s.setString(2, key.version());
      s.setLong(3, parameter);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          int label = r.getInt(7);
          if (r.wasNull()) {
            label = -1; // wasNull speaks of the column read last: ask before reading another
          }
          out.add(new LabelledSample(new Sample(key, r.getString(1), r.getLong(2), r.getLong(3),
              r.getString(4), Scores.fromBytes(r.getBytes(5)), Scores.fromBytes(r.getBytes(6))), label));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read samples of " + key, e);
    }
    return out;
  }

  public long sampleCount(ModelKey key) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM samples WHERE model = ? AND version = ?")) {
      s.setString(1, key.model());
      s.setString(2, key.version());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count samples of " + key, e);
    }
  }

  /** The labelled predictions of one window, as a confusion matrix over {@code classes}. */
  public ConfusionMatrix confusion(ModelKey key, long windowIndex, int classes) {
    ConfusionMatrix matrix = new ConfusionMatrix(classes);
    String sql = "SELECT label, predicted FROM samples WHERE model = ? AND version = ?"
        + " AND window_index = ? AND label IS NOT NULL";
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.model());
      s.setString(2, key.version());
      s.setLong(3, windowIndex);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          int label = r.getInt(1);
          int predicted = r.getInt(2);
          if (label < classes && predicted >= 0 && predicted < classes) {
            matrix.add(label, predicted);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read labels of " + key + " window " + windowIndex, e);
    }
    return matrix;
  }

  /** Deletes samples received before {@code receivedNanos}; returns how many. */
  public int deleteSamplesBefore(long receivedNanos) {
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM samples WHERE received_nanos < ?")) {
      s.setLong(1, receivedNanos);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot apply the retention", e);
    }
  }

  public void saveReport(WindowReport report) {
    String sql = "MERGE INTO window_reports (model, version, window_index, start_nanos, end_nanos, report)"
        + " KEY (model, version, window_index) VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, report.getModelName());
      s.setString(2, report.getModelVersion());
      s.setLong(3, report.getWindowIndex());
      s.setLong(4, report.getStartUnixNanos());
      s.setLong(5, report.getEndUnixNanos());
      s.setBytes(6, report.toByteArray());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot store window " + report.getWindowIndex(), e);
    }
  }

  /**
   * The most recent {@code limit} reports of a model (all versions when {@code version} is
   * empty) overlapping {@code [since, until)} (0: unbounded), oldest first.
   */
  public List<WindowReport> reports(String model, String version, long since, long until, int limit) {
    String sql = "SELECT report FROM window_reports WHERE model = ? AND (? = '' OR version = ?)"
        + " AND (? = 0 OR end_nanos > ?) AND (? = 0 OR start_nanos < ?)"
        + " ORDER BY start_nanos DESC, window_index DESC LIMIT ?";
    List<WindowReport> out = new ArrayList<>();
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, model);
      s.setString(2, version);
      s.setString(3, version);
      s.setLong(4, since);
      s.setLong(5, since);
      s.setLong(6, until);
      s.setLong(7, until);
      s.setInt(8, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(0, WindowReport.parseFrom(r.getBytes(1)));
        }
      }
    } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
      throw new StoreException("cannot read reports of " + model, e);
    }
    return out;
  }

  /** The report of one window, if it was stored. */
  public java.util.Optional<WindowReport> report(ModelKey key, long windowIndex) {
    String sql = "SELECT report FROM window_reports WHERE model = ? AND version = ? AND window_index = ?";
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.model());
      s.setString(2, key.version());
      s.setLong(3, windowIndex);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? java.util.Optional.of(WindowReport.parseFrom(r.getBytes(1))) : java.util.Optional.empty();
      }
    } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
      throw new StoreException("cannot read window " + windowIndex + " of " + key, e);
    }
  }

  /** Every model version with samples or reports. */
  public List<ModelKey> models() {
    return List.copyOf(lastWindows().keySet());
  }

  /** The index of the last window reported per model version (-1: samples, no report yet). */
  public Map<ModelKey, Long> lastWindows() {
    Map<ModelKey, Long> out = new LinkedHashMap<>();
    String sql = "SELECT model, version, MAX(window_index) FROM window_reports GROUP BY model, version"
        + " UNION ALL SELECT model, version, -1 FROM samples GROUP BY model, version";
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.merge(new ModelKey(r.getString(1), r.getString(2)), r.getLong(3), Math::max);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the last windows", e);
    }
    return out;
  }

  public void saveAlert(Alert alert) {
    String sql = "INSERT INTO alert_events (alert_id, state, time_nanos, alert) VALUES (?, ?, ?, ?)";
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, alert.getAlertId());
      s.setString(2, alert.getState().name());
      s.setLong(3, alert.getTimeUnixNanos());
      s.setBytes(4, alert.toByteArray());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot store alert " + alert.getAlertId(), e);
    }
  }

  /** The most recent {@code limit} alert events, oldest first. */
  public List<Alert> recentAlerts(int limit) {
    List<Alert> out = new ArrayList<>();
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement("SELECT alert FROM alert_events ORDER BY id DESC LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(0, Alert.parseFrom(r.getBytes(1)));
        }
      }
    } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
      throw new StoreException("cannot read alerts", e);
    }
    return out;
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
