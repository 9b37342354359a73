package dev.convoy.batcher;

/**
 * One request as an instance sees it.
 *
 * @param rows its batch dimension
 * @param enqueuedAtNanos when it was accepted, on the batcher's ticker (queue time =
 *     dispatch time minus this)
 * @param priority the level it was queued at, 1 the highest; 0 when priorities are off
 */
public record Queued<I>(I payload, int rows, long enqueuedAtNanos, int priority) {}
