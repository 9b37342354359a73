package dev.convoy.batcher;

import java.util.List;

/**
 * Runs batches on one model instance. A {@link DynamicBatcher} gives each instance one batch
 * at a time, on its instance executor; the instance is busy until {@code execute} returns.
 *
 * @param <I> a request's payload
 * @param <O> a request's result
 */
@FunctionalInterface
public interface BatchExecutor<I, O> {
  /**
   * Runs one batch.
   *
   * @return one result per item, in the order of {@code batch.items()}
   * @throws Exception fails every request in this batch, and only those
   */
  List<O> execute(Batch<I> batch) throws Exception;
}
