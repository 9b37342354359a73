/**
 * Dynamic micro-batching with Triton's semantics, on plain Java types and {@link
 * java.util.concurrent.CompletableFuture}: {@link dev.convoy.batcher.DynamicBatcher} queues
 * requests by priority under per-level {@link dev.convoy.batcher.QueuePolicy queue policies}
 * and groups them into batches for free model instances ({@link
 * dev.convoy.batcher.BatchExecutor}), as configured by {@link dev.convoy.batcher.BatcherConfig}.
 * The batch decision is a pure function ({@code BatchDecider}); time and threads are injected.
 */
package dev.convoy.batcher;
