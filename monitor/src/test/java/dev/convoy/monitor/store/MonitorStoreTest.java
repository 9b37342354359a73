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

  private static Sample sample(ModelKey key, String id, long receivedNanos) {
    return new Sample(key, id, 1, receivedNanos, "t-" + id, new float[] {1, 2}, new float[] {0.2f, 0.8f});
  }

  private static SampleTable.Placed placed(ModelKey key, String id) {
    return new SampleTable.Placed(sample(key, id, 1), 0);
  }

  @Test
  void duplicates_sameIdAgain_onlyForTheSameModelVersion() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "a"), placed(MLP, "b")));

      assertThat(store.samples().duplicates(List.of(sample(MLP, "b", 1), sample(new ModelKey("digits_mlp", "2"), "b", 1),
          sample(MLP, "c", 1), sample(MLP, "c", 1)))).containsExactlyInAnyOrder(0, 3);
    }
  }

  @Test
  void duplicates_afterReopening_foundThroughTheRebuiltIndex() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "a"), placed(MLP, "b")));
    }
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      assertThat(store.samples().duplicates(List.of(sample(MLP, "x", 1), sample(MLP, "b", 1)))).containsExactly(1);
    }
  }

  @Test
  void insert_afterReopening_samplesComeBackInArrivalOrderWithTheirColumns() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "a"), placed(MLP, "b")));
    }
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "c")));

      List<SampleTable.LabelledSample> first = store.samples().first(MLP, 10);
      assertThat(first).extracting(l -> l.sample().requestId()).containsExactly("a", "b", "c");
      assertThat(first.get(1).sample().traceId()).isEqualTo("t-b");
      assertThat(first.get(1).sample().features()).containsExactly(1, 2);
      assertThat(first.get(1).sample().predicted()).isEqualTo(1);
      assertThat(store.samples().count(MLP)).isEqualTo(3);
    }
  }

  @Test
  void insert_batchAcrossTwoWindows_eachWindowReadsItsOwn() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "a"), new SampleTable.Placed(sample(MLP, "b", 1), 1)));

      assertThat(store.samples().ofWindow(MLP, 0)).extracting(l -> l.sample().requestId()).containsExactly("a");
      assertThat(store.samples().afterWindow(MLP, 0)).extracting(l -> l.sample().requestId()).containsExactly("b");
    }
  }

  @Test
  void join_labelByRequestId_findsTheSampleAndOnlyIt() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "a"), placed(MLP, "b")));

      LabelTable.Outcome outcome = store.labels().join(List.of(new LabelTable.Incoming("b", 1, ""),
          new LabelTable.Incoming("zz", 1, ""), new LabelTable.Incoming("b", 0, "")), 1, HOUR_NANOS);

      assertThat(outcome.joined()).isEqualTo(1);
      assertThat(outcome.unknown()).isEqualTo(1);
      assertThat(outcome.duplicates()).isEqualTo(1);
      assertThat(store.samples().first(MLP, 10)).extracting(SampleTable.LabelledSample::label).containsExactly(-1, 1);
      assertThat(store.samples().confusion(MLP, 0, 2).scores().accuracy()).isEqualTo(1);
    }
  }

  @Test
  void join_afterTheHorizon_late() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(placed(MLP, "a")));

      LabelTable.Outcome outcome = store.labels().join(List.of(new LabelTable.Incoming("a", 1, "")),
          1 + HOUR_NANOS + 1, HOUR_NANOS);

      assertThat(outcome.late()).isEqualTo(1);
      assertThat(outcome.joined()).isZero();
    }
  }

  @Test
  void deleteBefore_oldBatches_goWithTheirLabelsAndAreNoLongerFound() {
    try (MonitorStore store = MonitorStore.open(dir.resolve("m"))) {
      store.samples().insert(List.of(new SampleTable.Placed(sample(MLP, "old", 10), 0)));
      store.samples().insert(List.of(new SampleTable.Placed(sample(MLP, "new", 20), 0)));
      store.labels().join(List.of(new LabelTable.Incoming("old", 1, "")), 20, HOUR_NANOS);

      assertThat(store.samples().deleteBefore(15)).isEqualTo(1);

      assertThat(store.samples().first(MLP, 10)).extracting(l -> l.sample().requestId()).containsExactly("new");
      assertThat(store.samples().duplicates(List.of(sample(MLP, "old", 30)))).isEmpty();
      assertThat(store.labels().join(List.of(new LabelTable.Incoming("old", 1, "")), 30, HOUR_NANOS).unknown())
          .isEqualTo(1);
    }
  }

  @Test
  void open_databaseOfOneRowPerSample_samplesAndLabelsMovedIntoBatches() throws Exception {
    Path file = dir.resolve("old");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), "convoy", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE samples (id BIGINT AUTO_INCREMENT PRIMARY KEY, model VARCHAR(256) NOT NULL,"
          + " version VARCHAR(64) NOT NULL, request_id VARCHAR(256) NOT NULL, window_index BIGINT NOT NULL,"
          + " time_nanos BIGINT NOT NULL, received_nanos BIGINT NOT NULL, trace_id VARCHAR(64) NOT NULL,"
          + " features VARBINARY(1000000) NOT NULL, scores VARBINARY(100000) NOT NULL, predicted INT NOT NULL,"
          + " label INT, labelled_nanos BIGINT, CONSTRAINT samples_request UNIQUE (model, version, request_id))");
      for (String row : List.of("'old', 0, 1, NULL", "'older', 0, 1, 7", "'new', 1, 2, NULL")) {
        s.execute("INSERT INTO samples (model, version, request_id, window_index, received_nanos, label, time_nanos,"
            + " trace_id, features, scores, predicted) VALUES ('digits_mlp', '1', " + row + ", 1, '', X'"
            + hex(Scores.toBytes(new float[] {1, 2})) + "', X'" + hex(Scores.toBytes(new float[] {1})) + "', 0)");
      }
    }

    try (MonitorStore store = MonitorStore.open(file)) {
      assertThat(store.samples().first(MLP, 10)).extracting(l -> l.sample().requestId() + "=" + l.label())
          .containsExactly("old=-1", "older=7", "new=-1");
      assertThat(store.samples().ofWindow(MLP, 1)).hasSize(1);
      assertThat(store.samples().duplicates(List.of(sample(MLP, "old", 1)))).containsExactly(0);
      assertThat(store.labels().join(List.of(new LabelTable.Incoming("old", 3, "digits_mlp")), 1, HOUR_NANOS)
          .joined()).isEqualTo(1);
    }
    try (MonitorStore store = MonitorStore.open(file)) {
      assertThat(store.samples().count(MLP)).isEqualTo(3);
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
