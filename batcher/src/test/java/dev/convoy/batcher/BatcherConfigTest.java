package dev.convoy.batcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.batcher.QueuePolicy.TimeoutAction;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BatcherConfigTest {

  static Stream<Arguments> invalidConfigs() {
    return Stream.<Arguments>of(
        invalid("max_batch_size must be at least 1 for dynamic_batching, got 0",
            () -> BatcherConfig.dynamic(0).build()),
        invalid("preferred_batch_size 9 must be between 1 and max_batch_size 8",
            () -> BatcherConfig.dynamic(8).preferredBatchSizes(List.of(4, 9)).build()),
        invalid("preferred_batch_size 0 must be between 1 and max_batch_size 8",
            () -> BatcherConfig.dynamic(8).preferredBatchSizes(List.of(0)).build()),
        invalid("max_queue_delay_microseconds must not be negative, got -1",
            () -> BatcherConfig.dynamic(8).maxQueueDelayMicros(-1).build()),
        invalid("priority_levels must not be negative, got -1",
            () -> BatcherConfig.dynamic(8).priorityLevels(-1, 0).build()),
        invalid("default_priority_level must be between 1 and priority_levels 3, got 0",
            () -> BatcherConfig.dynamic(8).priorityLevels(3, 0).build()),
        invalid("default_priority_level must be between 1 and priority_levels 3, got 4",
            () -> BatcherConfig.dynamic(8).priorityLevels(3, 4).build()),
        invalid("default_priority_level needs priority_levels, got 1",
            () -> BatcherConfig.dynamic(8).priorityLevels(0, 1).build()),
        invalid("priority_queue_policy key 4 must be between 1 and priority_levels 3",
            () -> BatcherConfig.dynamic(8).priorityLevels(3, 1)
                .priorityQueuePolicy(4, QueuePolicy.DEFAULT).build()),
        invalid("priority_queue_policy needs priority_levels",
            () -> BatcherConfig.dynamic(8).priorityQueuePolicy(1, QueuePolicy.DEFAULT).build()),
        invalid("max_batch_size must not be negative, got -1",
            () -> BatcherConfig.unbatched(-1, 0)),
        invalid("max_queue_size must not be negative, got -1", () -> QueuePolicy.bounded(-1)),
        invalid("default_timeout_microseconds must not be negative, got -5",
            () -> new QueuePolicy(0, -5, false, TimeoutAction.REJECT)),
        invalid("preferred_batch_size, max_queue_delay_microseconds, priority_levels and"
                + " preserve_ordering need dynamic_batching",
            () -> new BatcherConfig(false, 8, List.of(), 100, 0, 0, QueuePolicy.DEFAULT, Map.of(),
                false)));
  }

  private static Arguments invalid(String message, Supplier<?> build) {
    return Arguments.of(message, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void constructor_invalidField_failsNamingIt(String message, Supplier<?> build) {
    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void build_defaults_areTritonsButBounded() {
    BatcherConfig config = BatcherConfig.dynamic(8).build();

    assertThat(config.preferredBatchSizes()).isEmpty();
    assertThat(config.maxQueueDelayMicros()).isZero();
    assertThat(config.priorityLevels()).isZero();
    assertThat(config.defaultQueuePolicy())
        .isEqualTo(QueuePolicy.bounded(BatcherConfig.DEFAULT_MAX_QUEUE_SIZE));
    assertThat(config.preserveOrdering()).isFalse();
  }

  @Test
  void build_unboundedPolicies_getTheDefaultBound() {
    BatcherConfig config = BatcherConfig.dynamic(8).priorityLevels(2, 1)
        .defaultQueuePolicy(new QueuePolicy(0, 500, true, TimeoutAction.DELAY))
        .priorityQueuePolicy(2, QueuePolicy.DEFAULT)
        .build();

    assertThat(config.defaultQueuePolicy())
        .isEqualTo(new QueuePolicy(BatcherConfig.DEFAULT_MAX_QUEUE_SIZE, 500, true, TimeoutAction.DELAY));
    assertThat(config.queuePolicy(2).maxQueueSize()).isEqualTo(BatcherConfig.DEFAULT_MAX_QUEUE_SIZE);
    assertThat(BatcherConfig.unbatched(0, 0).defaultQueuePolicy().maxQueueSize())
        .isEqualTo(BatcherConfig.DEFAULT_MAX_QUEUE_SIZE);
  }

  @Test
  void build_preferredSizesUnsortedWithDuplicates_sortedDistinct() {
    BatcherConfig config =
        BatcherConfig.dynamic(8).preferredBatchSizes(List.of(8, 2, 4, 2)).build();

    assertThat(config.preferredBatchSizes()).containsExactly(2, 4, 8);
  }

  @Test
  void priorityOf_prioritiesOff_alwaysZero() {
    BatcherConfig config = BatcherConfig.dynamic(8).build();

    assertThat(config.priorityOf(0)).isZero();
    assertThat(config.priorityOf(3)).isZero();
  }

  @Test
  void priorityOf_unsetOrOutOfRange_defaultLevel() {
    BatcherConfig config = BatcherConfig.dynamic(8).priorityLevels(3, 2).build();

    assertThat(config.priorityOf(0)).isEqualTo(2);
    assertThat(config.priorityOf(4)).isEqualTo(2);
    assertThat(config.priorityOf(1)).isEqualTo(1);
    assertThat(config.priorityOf(3)).isEqualTo(3);
  }

  @Test
  void queuePolicy_levelWithoutOwnPolicy_usesDefaultPolicy() {
    QueuePolicy small = QueuePolicy.bounded(2);
    BatcherConfig config = BatcherConfig.dynamic(8).priorityLevels(2, 1)
        .defaultQueuePolicy(QueuePolicy.bounded(10)).priorityQueuePolicy(1, small).build();

    assertThat(config.queuePolicy(1)).isEqualTo(small);
    assertThat(config.queuePolicy(2)).isEqualTo(QueuePolicy.bounded(10));
  }

  @Test
  void unbatched_noBatchDimension_oneRowPerRequest() {
    BatcherConfig config = BatcherConfig.unbatched(0, 16);

    assertThat(config.dynamicBatching()).isFalse();
    assertThat(config.maxRowsPerRequest()).isEqualTo(1);
    assertThat(config.defaultQueuePolicy().maxQueueSize()).isEqualTo(16);
  }

  @ParameterizedTest(name = "default {0} us, override allowed {1}, request {2} us -> {3} us")
  @CsvSource({
      "100, false, 10, 100",
      "100, true, 10, 10",
      "100, true, 500, 100",
      "100, true, 0, 100",
      "0, true, 10, 10",
      "0, false, 10, 0",
      "0, true, 0, 0",
  })
  void timeoutMicrosFor_overrideRules_shortenOnlyWhenAllowed(long defaultMicros, boolean allow,
      long requested, long expected) {
    QueuePolicy policy = new QueuePolicy(0, defaultMicros, allow, TimeoutAction.REJECT);

    assertThat(policy.timeoutMicrosFor(requested)).isEqualTo(expected);
  }
}
