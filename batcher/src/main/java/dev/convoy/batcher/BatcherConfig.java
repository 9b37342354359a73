package dev.convoy.batcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a {@link DynamicBatcher} queues and groups requests: the model's {@code max_batch_size}
 * and its {@code dynamic_batching} settings, under the names {@code config.pbtxt} uses,
 * validated once. Build one with {@link #dynamic(int)} or {@link #unbatched(int, int)}.
 *
 * @param dynamicBatching false for a model without {@code dynamic_batching}: every request
 *     runs alone, in arrival order, through one bounded queue (Triton's default scheduler)
 * @param maxBatchSize the most rows in one batch, and in one request; 0 only without dynamic
 *     batching, for a model with no batch dimension (each request then counts as one row)
 * @param preferredBatchSizes row counts sent at once when reachable; sorted, distinct
 * @param maxQueueDelayMicros how long the oldest request of a batch that reaches neither a
 *     preferred size nor the maximum may wait for more
 * @param priorityLevels 0 = priorities off; otherwise levels 1..N, 1 the highest
 * @param defaultPriorityLevel the level of requests that name none; 0 when priorities are off
 * @param defaultQueuePolicy the policy of the single queue, or of levels without their own
 * @param priorityQueuePolicy policies by level
 * @param preserveOrdering complete requests in the order they were accepted
 *
 * <p>No queue is unbounded: a policy whose {@code max_queue_size} is 0 (Triton's "no limit")
 * gets {@link #DEFAULT_MAX_QUEUE_SIZE}, so one client cannot pile up requests without end.
 */
public record BatcherConfig(
    boolean dynamicBatching,
    int maxBatchSize,
    List<Integer> preferredBatchSizes,
    long maxQueueDelayMicros,
    int priorityLevels,
    int defaultPriorityLevel,
    QueuePolicy defaultQueuePolicy,
    Map<Integer, QueuePolicy> priorityQueuePolicy,
    boolean preserveOrdering) {

  /** The bound of a queue whose policy sets none. */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 1024;

  public BatcherConfig {
    preferredBatchSizes = List.copyOf(new TreeSet<>(preferredBatchSizes));
    defaultQueuePolicy = boundedByDefault(Objects.requireNonNull(defaultQueuePolicy, "default_queue_policy"));
    Map<Integer, QueuePolicy> bounded = new HashMap<>();
    priorityQueuePolicy.forEach((level, policy) -> bounded.put(level, boundedByDefault(policy)));
    priorityQueuePolicy = Map.copyOf(bounded);
    if (dynamicBatching) {
      checkBatching(maxBatchSize, preferredBatchSizes, maxQueueDelayMicros);
    } else {
      checkUnbatched(maxBatchSize, preferredBatchSizes, maxQueueDelayMicros, priorityLevels,
          preserveOrdering);
    }
    checkPriorities(priorityLevels, defaultPriorityLevel, priorityQueuePolicy);
  }

  private static QueuePolicy boundedByDefault(QueuePolicy policy) {
    return policy.maxQueueSize() > 0 ? policy : new QueuePolicy(DEFAULT_MAX_QUEUE_SIZE,
        policy.defaultTimeoutMicros(), policy.allowTimeoutOverride(), policy.timeoutAction());
  }

  /** Dynamic batching for a model whose {@code max_batch_size} is {@code maxBatchSize}. */
  public static Builder dynamic(int maxBatchSize) {
    return new Builder(maxBatchSize);
  }

  /**
   * A model without {@code dynamic_batching}: each request runs alone, and at most {@code
   * maxQueueSize} wait (0 = {@link #DEFAULT_MAX_QUEUE_SIZE}).
   */
  public static BatcherConfig unbatched(int maxBatchSize, int maxQueueSize) {
    return new BatcherConfig(false, maxBatchSize, List.of(), 0, 0, 0,
        QueuePolicy.bounded(maxQueueSize), Map.of(), false);
  }

  /** The level a request asking for {@code requested} is queued at; 0 when priorities are off. */
  public int priorityOf(int requested) {
    if (priorityLevels == 0) {
      return 0;
    }
    return requested >= 1 && requested <= priorityLevels ? requested : defaultPriorityLevel;
  }

  /** The queue policy of level {@code priority} (as returned by {@link #priorityOf}). */
  public QueuePolicy queuePolicy(int priority) {
    return priorityQueuePolicy.getOrDefault(priority, defaultQueuePolicy);
  }

  /** The most rows one request may have. */
  public int maxRowsPerRequest() {
    return Math.max(1, maxBatchSize);
  }

  private static void checkBatching(int maxBatchSize, List<Integer> preferred, long delayMicros) {
    require(maxBatchSize >= 1,
        "max_batch_size must be at least 1 for dynamic_batching, got " + maxBatchSize);
    for (int size : preferred) {
      require(size >= 1 && size <= maxBatchSize, "preferred_batch_size " + size
          + " must be between 1 and max_batch_size " + maxBatchSize);
    }
    require(delayMicros >= 0,
        "max_queue_delay_microseconds must not be negative, got " + delayMicros);
  }

  private static void checkUnbatched(int maxBatchSize, List<Integer> preferred, long delayMicros,
      int priorityLevels, boolean preserveOrdering) {
    require(maxBatchSize >= 0, "max_batch_size must not be negative, got " + maxBatchSize);
    require(preferred.isEmpty() && delayMicros == 0 && priorityLevels == 0 && !preserveOrdering,
        "preferred_batch_size, max_queue_delay_microseconds, priority_levels and"
            + " preserve_ordering need dynamic_batching");
  }

  private static void checkPriorities(int levels, int defaultLevel,
      Map<Integer, QueuePolicy> policies) {
    require(levels >= 0, "priority_levels must not be negative, got " + levels);
    if (levels == 0) {
      require(defaultLevel == 0,
          "default_priority_level needs priority_levels, got " + defaultLevel);
      require(policies.isEmpty(), "priority_queue_policy needs priority_levels");
      return;
    }
    require(defaultLevel >= 1 && defaultLevel <= levels, "default_priority_level must be"
        + " between 1 and priority_levels " + levels + ", got " + defaultLevel);
    for (int level : policies.keySet()) {
      require(level >= 1 && level <= levels, "priority_queue_policy key " + level
          + " must be between 1 and priority_levels " + levels);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Collects {@code dynamic_batching} settings; unset ones keep Triton's defaults. */
  public static final class Builder {
    private final int maxBatchSize;
    private final Map<Integer, QueuePolicy> priorityQueuePolicy = new HashMap<>();
    private List<Integer> preferredBatchSizes = List.of();
    private long maxQueueDelayMicros;
    private int priorityLevels;
    private int defaultPriorityLevel;
    private QueuePolicy defaultQueuePolicy = QueuePolicy.DEFAULT;
    private boolean preserveOrdering;

    private Builder(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
    }

    public Builder preferredBatchSizes(List<Integer> sizes) {
      this.preferredBatchSizes = List.copyOf(sizes);
      return this;
    }

    public Builder maxQueueDelayMicros(long micros) {
      this.maxQueueDelayMicros = micros;
      return this;
    }

    /** Turns priorities on with levels 1..{@code levels}, {@code defaultLevel} for the rest. */
    public Builder priorityLevels(int levels, int defaultLevel) {
      this.priorityLevels = levels;
      this.defaultPriorityLevel = defaultLevel;
      return this;
    }

    public Builder defaultQueuePolicy(QueuePolicy policy) {
      this.defaultQueuePolicy = policy;
      return this;
    }

    public Builder priorityQueuePolicy(int level, QueuePolicy policy) {
      priorityQueuePolicy.put(level, policy);
      return this;
    }

    public Builder preserveOrdering(boolean preserve) {
      this.preserveOrdering = preserve;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid field */
    public BatcherConfig build() {
      return new BatcherConfig(true, maxBatchSize, preferredBatchSizes, maxQueueDelayMicros,
          priorityLevels, defaultPriorityLevel, defaultQueuePolicy, priorityQueuePolicy,
          preserveOrdering);
    }
  }
}
