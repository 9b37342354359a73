package dev.convoy.server.grpc;

import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.repository.ModelEntry;
import dev.convoy.server.repository.ModelManager;
import java.util.function.ToIntFunction;

/**
 * How many requests one ModelStreamInfer stream keeps in flight. A fixed window, or (by
 * default) one that grows with the models a stream names, to {@code max(64, 2 x
 * max_batch_size)}: enough for one stream to fill a model's largest batch while the previous
 * batch runs.
 */
public final class StreamWindow {
  /** The smallest automatic window, and the first one before any request names a model. */
  public static final int AUTO_MINIMUM = 64;

  private final int fixed;
  private final ToIntFunction<String> maxBatchSize;

  private StreamWindow(int fixed, ToIntFunction<String> maxBatchSize) {
    this.fixed = fixed;
    this.maxBatchSize = maxBatchSize;
  }

  /** @param size requests in flight per stream, at least 1 */
  public static StreamWindow fixed(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("stream window must be >= 1, got " + size);
    }
    return new StreamWindow(size, model -> 0);
  }

  /** @param maxBatchSize a model's max_batch_size, 0 for an unknown or unbatched model */
  public static StreamWindow automatic(ToIntFunction<String> maxBatchSize) {
    return new StreamWindow(0, maxBatchSize);
  }

  /** @param size requests in flight per stream; 0: automatic, by the max_batch_size of {@code models} */
  public static StreamWindow of(int size, ModelManager models) {
    return size == 0 ? automatic(model -> models.entry(model).flatMap(ModelEntry::spec)
        .map(ModelSpec::maxBatchSize).orElse(0)) : fixed(size);
  }

  int initial() {
    return fixed > 0 ? fixed : AUTO_MINIMUM;
  }

  /** The window once a request for {@code model} arrived on a stream whose window is {@code current}. */
  int after(String model, int current) {
    if (fixed > 0) {
      return fixed;
    }
    return Math.max(current, 2 * maxBatchSize.applyAsInt(model));
  }
}
