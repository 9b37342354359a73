package dev.convoy.batcher;

import java.util.List;

/**
 * Requests dispatched together to one instance.
 *
 * @param items the requests, in queue order (priority, then arrival)
 * @param rows the sum of the items' rows, at most {@code max_batch_size}
 * @param dispatchedAtNanos when the batch left the queue, on the batcher's ticker
 */
public record Batch<I>(List<Queued<I>> items, int rows, long dispatchedAtNanos) {
  public Batch {
    items = List.copyOf(items);
  }

  /** The items' payloads, in order. */
  public List<I> payloads() {
    return items.stream().map(Queued::payload).toList();
  }
}
