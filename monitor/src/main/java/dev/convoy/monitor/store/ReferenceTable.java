package dev.convoy.monitor.store;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.proto.monitor.v1.UploadReferenceRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reference rows per model version, kept as the upload that made them. */
public final class ReferenceTable {
  private final MonitorStore store;

  ReferenceTable(MonitorStore store) {
    this.store = store;
  }

  /** A stored reference: its rows, where they came from and when. */
  public record Stored(UploadReferenceRequest content, String source, long createdNanos) {
  }

  /** Replaces the reference of the request's model version. */
  public void save(UploadReferenceRequest content, String source, long createdNanos) {
    String sql = "MERGE INTO reference_profiles (model, version, source, created_nanos, rows_count, content)"
        + " KEY (model, version) VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, content.getModelName());
      s.setString(2, content.getModelVersion());
      s.setString(3, source);
      s.setLong(4, createdNanos);
      s.setInt(5, content.getRowsCount());
      s.setBytes(6, content.toByteArray());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot store the reference of "
          + new ModelKey(content.getModelName(), content.getModelVersion()), e);
    }
  }

  public List<Stored> all() {
    List<Stored> out = new ArrayList<>();
    try (Connection c = store.connection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT content, source, created_nanos FROM reference_profiles")) {
      while (r.next()) {
        out.add(new Stored(UploadReferenceRequest.parseFrom(r.getBytes(1)), r.getString(2), r.getLong(3)));
      }
    } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
      throw new StoreException("cannot read references", e);
    }
    return out;
  }
}
