package dev.convoy.monitor.store;

import dev.convoy.monitor.quality.ConfusionMatrix;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import dev.convoy.monitor.sample.Scores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples, stored a batch per row ({@link SampleBatch}): one ingest call of 256 samples is one
 * insert of a few packed values, not 256 rows and their index entries, which cost most of the
 * monitor's CPU. Request ids are found through the in-memory {@link RequestIndex}, rebuilt
 * from the stored ids on open. Writes and the index belong to the store's one writer thread;
 * reads may come from any.
 */
public final class SampleTable {
  private static final String COLUMNS = "id, window_index, received_nanos, width, classes, request_ids,"
      + " trace_ids, time_nanos, features, scores";
  private static final int PAGE = 1000;
  private static final int READ_PAGE = 16;

  private final MonitorStore store;
  private final RequestIndex index = new RequestIndex();
  /** Every stored batch in id order, for the retention: reading its rows would read the samples. */
  private final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
  private long nextBatchId;

  private record Arrival(long batchId, long receivedNanos, int samples) {
  }

  SampleTable(MonitorStore store) {
    this.store = store;
  }

  /** A sample and the window it joins. */
  public record Placed(Sample sample, long windowIndex) {
  }

  /** A stored sample and its label, -1 when it has none. */
  public record LabelledSample(Sample sample, int label) {
  }

  /** What makes a sample a duplicate of another. */
  private record Identity(ModelKey key, String requestId) {
  }

  /** What a lookup by request id needs of a stored batch. */
  record Head(ModelKey key, long windowIndex, long receivedNanos, List<String> requestIds) {
  }

  /** Indexes the stored request ids; called once, on open. */
  void load() {
    String sql = "SELECT id, received_nanos, request_ids FROM sample_batches WHERE id >= ? ORDER BY id LIMIT " + PAGE;
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      boolean more = true;
      while (more) {
        s.setLong(1, nextBatchId);
        more = false;
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            more = true;
            long id = r.getLong(1);
            List<String> ids = Columns.strings(r.getBytes(3));
            stored(id, r.getLong(2), ids);
            nextBatchId = id + 1;
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot index the stored samples", e);
    }
  }

  private void stored(long batchId, long receivedNanos, List<String> requestIds) {
    arrivals.addLast(new Arrival(batchId, receivedNanos, requestIds.size()));
    for (int i = 0; i < requestIds.size(); i++) {
      index.add(RequestHash.of(requestIds.get(i)), RequestIndex.ref(batchId, i));
    }
  }

  /**
   * The positions in {@code samples} of those stored before, or repeating an earlier one of the
   * list (same model version and request id).
   */
  public Set<Integer> duplicates(List<Sample> samples) {
    Set<Integer> duplicates = new HashSet<>();
    Set<Identity> seen = new HashSet<>();
    Map<Long, Head> heads = new HashMap<>();
    try (Connection c = store.connection()) {
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        if (!seen.add(new Identity(s.key(), s.requestId())) || stored(c, s, heads)) {
          duplicates.add(i);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot look up " + samples.size() + " samples", e);
    }
    return duplicates;
  }

  private boolean stored(Connection c, Sample s, Map<Long, Head> heads) throws SQLException {
    for (long ref : find(s.requestId())) {
      Head head = head(c, RequestIndex.batchOf(ref), heads);
      if (head.key().equals(s.key()) && head.requestIds().get(RequestIndex.positionOf(ref)).equals(s.requestId())) {
        return true;
      }
    }
    return false;
  }

  /** Where samples with this request id may be (the id is to be compared). */
  long[] find(String requestId) {
    return index.find(RequestHash.of(requestId));
  }

  /** The head of batch {@code batchId}, read once per {@code cache}. */
  Head head(Connection c, long batchId, Map<Long, Head> cache) throws SQLException {
    Head cached = cache.get(batchId);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT model, version, window_index, received_nanos, request_ids FROM sample_batches WHERE id = ?")) {
      s.setLong(1, batchId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new StoreException("batch " + batchId + " is indexed but not stored", null);
        }
        Head head = new Head(new ModelKey(r.getString(1), r.getString(2)), r.getLong(3), r.getLong(4),
            Columns.strings(r.getBytes(5)));
        cache.put(batchId, head);
        return head;
      }
    }
  }

  /** Stores {@code placed} (checked against {@link #duplicates} before) in one transaction. */
  public void insert(List<Placed> placed) {
    insert(placed, List.of());
  }

  /** As above, with the labels of the first samples ({@code labels}, by position; -1: none). */
  void insert(List<Placed> placed, List<Integer> labels) {
    List<SampleBatch> batches = SampleBatch.of(placed);
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      writeBatches(c, batches);
      writeLabels(c, batches, labels);
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot store " + placed.size() + " samples", e);
    }
    for (SampleBatch b : batches) {
      stored(nextBatchId++, b.receivedNanos(), b.requestIds());
    }
  }

  private void writeBatches(Connection c, List<SampleBatch> batches) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO sample_batches (id, model, version, window_index, received_nanos, sample_count, width, classes,"
            + " request_ids, trace_ids, time_nanos, features, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      long id = nextBatchId;
      for (SampleBatch b : batches) {
        insert.setLong(1, id++);
        insert.setString(2, b.key().model());
        insert.setString(3, b.key().version());
        insert.setLong(4, b.windowIndex());
        insert.setLong(5, b.receivedNanos());
        insert.setInt(6, b.samples().size());
        insert.setInt(7, b.width());
        insert.setInt(8, b.classes());
        insert.setBytes(9, b.packedRequestIds());
        insert.setBytes(10, b.packedTraceIds());
        insert.setBytes(11, b.packedTimes());
        insert.setBytes(12, b.packedFeatures());
        insert.setBytes(13, b.packedScores());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void writeLabels(Connection c, List<SampleBatch> batches, List<Integer> labels) throws SQLException {
    if (labels.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = labelInsert(c)) {
      int sample = 0;
      long id = nextBatchId;
      for (SampleBatch b : batches) {
        for (int position = 0; position < b.samples().size(); position++, sample++) {
          if (sample < labels.size() && labels.get(sample) >= 0) {
            addLabel(insert, id, position, labels.get(sample));
          }
        }
        id++;
      }
      insert.executeBatch();
    }
  }

  /** The statement labels are stored with, one {@link #addLabel} each, then executed as a batch. */
  static PreparedStatement labelInsert(Connection c) throws SQLException {
    return c.prepareStatement("INSERT INTO sample_labels (batch_id, position, label) VALUES (?, ?, ?)");
  }

  static void addLabel(PreparedStatement insert, long batchId, int position, int label) throws SQLException {
    insert.setLong(1, batchId);
    insert.setInt(2, position);
    insert.setInt(3, label);
    insert.addBatch();
  }

  /** The first {@code limit} samples stored for {@code key}, with their labels. */
  public List<LabelledSample> first(ModelKey key, int limit) {
    return read("", key, 0, limit);
  }

  /** The samples of windows after {@code windowIndex}: the open window after a restart. */
  public List<LabelledSample> afterWindow(ModelKey key, long windowIndex) {
    return read(" AND window_index > ?", key, windowIndex, Integer.MAX_VALUE);
  }

  /** The samples of one window. */
  public List<LabelledSample> ofWindow(ModelKey key, long windowIndex) {
    return read(" AND window_index = ?", key, windowIndex, Integer.MAX_VALUE);
  }

  private List<LabelledSample> read(String where, ModelKey key, long parameter, int limit) {
    List<LabelledSample> out = new ArrayList<>();
    // Paged by id, a few batches at a time: a whole result would be held in memory at once.
    String sql = "SELECT " + COLUMNS + " FROM sample_batches WHERE model = ? AND version = ?" + where
        + " AND id >= ? ORDER BY id LIMIT " + READ_PAGE;
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.model());
      s.setString(2, key.version());
      int next = 3;
      if (!where.isEmpty()) {
        s.setLong(next++, parameter);
      }
      long from = 0;
      int rows = READ_PAGE;
      while (rows == READ_PAGE && out.size() < limit) {
        s.setLong(next, from);
        rows = 0;
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            rows++;
            from = r.getLong(1) + 1;
            addSamples(c, key, r, out, limit);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read samples of " + key, e);
    }
    return out;
  }

  private static void addSamples(Connection c, ModelKey key, ResultSet r, List<LabelledSample> out, int limit)
      throws SQLException {
    SampleBatch batch = SampleBatch.unpack(key, r.getLong(2), r.getLong(3), r.getInt(4), r.getInt(5),
        r.getBytes(6), r.getBytes(7), r.getBytes(8), r.getBytes(9), r.getBytes(10));
    Map<Integer, Integer> labels = labels(c, r.getLong(1));
    for (int i = 0; i < batch.samples().size() && out.size() < limit; i++) {
      out.add(new LabelledSample(batch.samples().get(i), labels.getOrDefault(i, -1)));
    }
  }

  /** The labels of one batch, by position. */
  static Map<Integer, Integer> labels(Connection c, long batchId) throws SQLException {
    Map<Integer, Integer> labels = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT position, label FROM sample_labels WHERE batch_id = ?")) {
      s.setLong(1, batchId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          labels.put(r.getInt(1), r.getInt(2));
        }
      }
    }
    return labels;
  }

  public long count(ModelKey key) {
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
        "SELECT COALESCE(SUM(sample_count), 0) FROM sample_batches WHERE model = ? AND version = ?")) {
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
    try (Connection c = store.connection()) {
      for (long batchId : batchesOf(c, key, windowIndex)) {
        Map<Integer, Integer> labels = labels(c, batchId);
        if (!labels.isEmpty()) {
          addLabelled(c, batchId, labels, matrix, classes);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read labels of " + key + " window " + windowIndex, e);
    }
    return matrix;
  }

  private static List<Long> batchesOf(Connection c, ModelKey key, long windowIndex) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id FROM sample_batches WHERE model = ? AND version = ? AND window_index = ? ORDER BY id")) {
      s.setString(1, key.model());
      s.setString(2, key.version());
      s.setLong(3, windowIndex);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  private static void addLabelled(Connection c, long batchId, Map<Integer, Integer> labels, ConfusionMatrix matrix,
      int classes) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT classes, scores FROM sample_batches WHERE id = ?")) {
      s.setLong(1, batchId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || r.getInt(1) == 0) {
          return;
        }
        float[] scores = Scores.fromBytes(r.getBytes(2));
        int scoresPerSample = r.getInt(1);
        labels.forEach((position, label) -> {
          float[] row = Arrays.copyOfRange(scores, position * scoresPerSample, (position + 1) * scoresPerSample);
          int predicted = Scores.argmax(row);
          if (label < classes && predicted < classes) {
            matrix.add(label, predicted);
          }
        });
      }
    }
  }

  /**
   * Deletes the oldest batches received before {@code receivedNanos}, with their labels; returns
   * how many samples. Batches go in arrival order: one received after a later-stamped one
   * (the clock stepped back) waits for it.
   */
  public long deleteBefore(long receivedNanos) {
    long keepFrom = -1;
    long samples = 0;
    for (Arrival a : arrivals) {
      if (a.receivedNanos() >= receivedNanos) {
        break;
      }
      keepFrom = a.batchId() + 1;
      samples += a.samples();
    }
    if (keepFrom < 0) {
      return 0;
    }
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement labels = c.prepareStatement("DELETE FROM sample_labels WHERE batch_id < ?");
          PreparedStatement batches = c.prepareStatement("DELETE FROM sample_batches WHERE id < ?")) {
        labels.setLong(1, keepFrom);
        labels.executeUpdate();
        batches.setLong(1, keepFrom);
        batches.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot apply the retention", e);
    }
    while (!arrivals.isEmpty() && arrivals.peekFirst().batchId() < keepFrom) {
      arrivals.removeFirst();
    }
    index.forgetBefore(keepFrom, samples);
    return samples;
  }
}
