package dev.convoy.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import dev.convoy.monitor.sample.Scores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorStoreTest {
  private static final ModelKey MLP = new ModelKey("digits_mlp", "1");
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  @TempDir Path dir;

  private static MonitorStore.Placed placed(ModelKey key, String id) {
    return new MonitorStore.Placed(new Sample(key, id, 1, 1, "", new float[] {1, 2}, new float[] {0.2f, 0.8f}), 0);
  }

  @Test
  void insertSamples_sameIdAgain_duplicateOnlyForTheSameModelVersion() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      assertThat(store.insertSamples(List.of(placed(MLP, "a"), placed(MLP, "b")))).isEmpty();

      assertThat(store.insertSamples(List.of(placed(MLP, "b"), placed(new ModelKey("digits_mlp", "2"), "b"),
          placed(MLP, "c"), placed(MLP, "c")))).containsExactlyInAnyOrder(0, 3);
    }
  }

  @Test
  void insertSamples_afterReopening_idsGoOnInArrivalOrder() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.insertSamples(List.of(placed(MLP, "a"), placed(MLP, "b")));
    }
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.insertSamples(List.of(placed(MLP, "c")));

      assertThat(store.firstSamples(MLP, 10)).extracting(l -> l.sample().requestId()).containsExactly("a", "b", "c");
    }
  }

  @Test
  void join_labelByRequestId_findsTheSampleAndOnlyIt() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.insertSamples(List.of(placed(MLP, "a"), placed(MLP, "b")));

      LabelTable.Outcome outcome = store.labels().join(List.of(new LabelTable.Incoming("b", 7, ""),
          new LabelTable.Incoming("zz", 1, "")), 1, HOUR_NANOS);

      assertThat(outcome.joined()).isEqualTo(1);
      assertThat(outcome.unknown()).isEqualTo(1);
      assertThat(store.firstSamples(MLP, 10)).extracting(MonitorStore.LabelledSample::label).containsExactly(-1, 7);
    }
  }

  @Test
  void open_databaseFromBeforeTheRequestHash_samplesStillFoundByTheirIds() throws Exception {
    Path file = dir.resolve("old");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), "convoy", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE samples (id BIGINT AUTO_INCREMENT PRIMARY KEY, model VARCHAR(256) NOT NULL,"
          + " version VARCHAR(64) NOT NULL, request_id VARCHAR(256) NOT NULL, window_index BIGINT NOT NULL,"
          + " time_nanos BIGINT NOT NULL, received_nanos BIGINT NOT NULL, trace_id VARCHAR(64) NOT NULL,"
          + " features VARBINARY(1000000) NOT NULL, scores VARBINARY(100000) NOT NULL, predicted INT NOT NULL,"
          + " label INT, labelled_nanos BIGINT, CONSTRAINT samples_request UNIQUE (model, version, request_id))");
      s.execute("CREATE INDEX samples_by_request ON samples (request_id)");
      s.execute("INSERT INTO samples (model, version, request_id, window_index, time_nanos, received_nanos, trace_id,"
          + " features, scores, predicted) VALUES ('digits_mlp', '1', 'old', 0, 1, 1, '', X'"
          + hex(Scores.toBytes(new float[] {1, 2})) + "', X'" + hex(Scores.toBytes(new float[] {1})) + "', 0)");
    }

    try (MonitorStore store = MonitorStore.open(file)) {
      assertThat(store.insertSamples(List.of(placed(MLP, "old")))).containsExactly(0);
      assertThat(store.labels().join(List.of(new LabelTable.Incoming("old", 3, "digits_mlp")), 1, HOUR_NANOS)
          .joined()).isEqualTo(1);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02X", b));
    }
    return out.toString();
  }
}
