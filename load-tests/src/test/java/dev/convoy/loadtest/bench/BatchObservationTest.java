package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchObservationTest {

  @Test
  void between_twoReadings_keepsOnlyWhatExecutedInBetween() {
    BatchObservation observed = BatchObservation.between(
        Map.of(1L, 10L, 8L, 5L), Map.of(1L, 10L, 8L, 7L, 32L, 3L));

    assertThat(observed.executionsByBatchSize()).isEqualTo(Map.of(8L, 2L, 32L, 3L));
    assertThat(observed.executions()).isEqualTo(5);
    assertThat(observed.rows()).isEqualTo(112);
  }

  @Test
  void representativeBatch_mixedSizes_isRoundedAverageNotMode() {
    BatchObservation observed = Rows.batches(1, 6, 32, 4);

    assertThat(observed.mostFrequentBatch()).isEqualTo(1);
    assertThat(observed.averageBatch()).isEqualTo(13.4);
    assertThat(observed.representativeBatch()).isEqualTo(13);
  }

  @Test
  void representativeBatch_nothingExecuted_isZero() {
    assertThat(Rows.batches().representativeBatch()).isZero();
    assertThat(Formats.batch(Rows.batches())).isEqualTo("-");
  }
}
