/**
 * {@code convoy-bench}, the side-by-side benchmark suite: runs scenarios (in-process ONNX
 * Runtime; Convoy beside the hand-written peer, the gRPC floor and h2load; dynamic batching on
 * and off; straight and through the router; tracing; streams) in one run on one machine, and
 * prints each row's throughput and HdrHistogram percentiles with the ratios between rows and
 * the goals they are held to.
 *
 * <p>Every server, the router and the reference fixtures run in their own JVMs ({@link
 * dev.convoy.loadtest.bench.Target}, started by {@link dev.convoy.loadtest.bench.TargetHost});
 * the load comes from this JVM. Rows that must see the same machine are measured interleaved
 * ({@link dev.convoy.loadtest.bench.InterleavedSet}). Ratios, not absolute figures, are the
 * result: the machines are shared and noisy, so only rows measured side by side compare.
 */
package dev.convoy.loadtest.bench;
