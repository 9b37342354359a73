package dev.convoy.monitor.store;

import dev.convoy.monitor.sample.ModelKey;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Samples, labels, window reports and alert events in an embedded H2 database. Each write
 * method is one transaction, committed before it returns; H2 writes each commit to the file
 * at once ({@code WRITE_DELAY=0}), so a killed process keeps every write that returned.
 * Writes are expected from one thread; reads may come from any. Samples are stored a batch
 * per row ({@link SampleTable}).
 */
public final class MonitorStore implements AutoCloseable {
  private final JdbcConnectionPool pool;
  private final ReferenceTable references;
  private final SampleTable samples;
  private final LabelTable labels;

  private MonitorStore(JdbcConnectionPool pool) {
    this.pool = pool;
    this.references = new ReferenceTable(this);
    this.samples = new SampleTable(this);
    this.labels = new LabelTable(this, samples);
  }

  /** Opens (creating if needed) the database at {@code file} (H2 adds {@code .mv.db}). */
  public static MonitorStore open(Path file) {
    // A larger statement cache than H2's 8: each batch and window would parse its SQL again.
    String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "convoy", "");
    MonitorStore store = new MonitorStore(pool);
    try {
      store.createSchema();
      store.samples.load();
      LegacySamples.migrate(store, store.samples);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
    return store;
  }

  public LabelTable labels() {
    return labels;
  }

  public SampleTable samples() {
    return samples;
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

  Connection connection() throws SQLException {
    return pool.getConnection();
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
        + " UNION ALL SELECT model, version, -1 FROM sample_batches GROUP BY model, version";
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
