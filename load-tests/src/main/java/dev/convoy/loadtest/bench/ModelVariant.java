package dev.convoy.loadtest.bench;

import java.util.List;
import java.util.Objects;

/**
 * How a served row's model is configured: the settings {@link ScenarioRepository} writes into
 * the copied {@code config.pbtxt}. {@link #SHIPPED} leaves the config as the repository has it.
 *
 * @param name short label, unique among the variants of one run
 * @param maxBatchSize {@code max_batch_size} to set; 0 keeps the shipped value
 * @param instances {@code instance_group [ { count: N kind: KIND_CPU } ]}; 0 keeps the shipped
 *     groups
 * @param intraOpThreads the {@code intra_op_thread_count} parameter; 0 keeps the shipped value
 * @param batching the {@code dynamic_batching} block, or null for none (requests run alone)
 */
public record ModelVariant(
    String name, int maxBatchSize, int instances, int intraOpThreads, Batching batching) {

  /** The model's config as shipped in the repository. */
  public static final ModelVariant SHIPPED = new ModelVariant("shipped", 0, 0, 0, null);

  /**
   * Triton's {@code dynamic_batching} block.
   *
   * @param maxQueueDelayMicros {@code max_queue_delay_microseconds}
   * @param preferredBatchSizes {@code preferred_batch_size}, possibly empty
   */
  public record Batching(long maxQueueDelayMicros, List<Integer> preferredBatchSizes) {
    public Batching {
      if (maxQueueDelayMicros < 0) {
        throw new IllegalArgumentException("max queue delay must be >= 0 µs");
      }
      preferredBatchSizes = List.copyOf(preferredBatchSizes);
      if (preferredBatchSizes.stream().anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("preferred batch sizes must be >= 1");
      }
    }
  }

  public ModelVariant {
    Objects.requireNonNull(name, "name");
    if (maxBatchSize < 0 || instances < 0 || intraOpThreads < 0) {
      throw new IllegalArgumentException("variant settings must not be negative");
    }
    if (batching != null && maxBatchSize > 0
        && batching.preferredBatchSizes().stream().anyMatch(b -> b > maxBatchSize)) {
      throw new IllegalArgumentException(
          "preferred batch sizes " + batching.preferredBatchSizes()
              + " must not exceed max_batch_size " + maxBatchSize);
    }
  }

  /** Whether the copied config is the shipped one, unchanged. */
  public boolean shipped() {
    return maxBatchSize == 0 && instances == 0 && intraOpThreads == 0 && batching == null;
  }

  /** The settings as a reader of the report wants them, e.g. for the configuration column. */
  public String describe() {
    if (shipped()) {
      return "config as shipped";
    }
    StringBuilder text = new StringBuilder();
    if (batching == null) {
      text.append("no dynamic_batching");
    } else {
      text.append("dynamic_batching ").append(batching.maxQueueDelayMicros()).append(" µs");
      if (!batching.preferredBatchSizes().isEmpty()) {
        text.append(" preferred ").append(batching.preferredBatchSizes());
      }
    }
    if (maxBatchSize > 0) {
      text.append(", max_batch_size ").append(maxBatchSize);
    }
    if (instances > 0) {
      text.append(", ").append(instances).append(instances == 1 ? " instance" : " instances");
    }
    if (intraOpThreads > 0) {
      text.append(", ").append(intraOpThreads).append(" intra-op");
    }
    return text.toString();
  }
}
