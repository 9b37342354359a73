/**
 * The load engine: runs asynchronous calls ({@link dev.convoy.loadtest.engine.AsyncLoadCall})
 * with a bounded number in flight and no thread per call, or blocking calls
 * ({@link dev.convoy.loadtest.engine.LoadCall}) from a fixed number of worker threads, closed
 * loop or paced at a fixed rate, and gathers latencies into per-thread HdrHistograms.
 *
 * <p>It knows nothing of gRPC, command lines or report formats, so the benchmark suite can
 * drive in-process model runs and served calls through the same code and compare them. Time
 * comes from an injected {@link dev.convoy.loadtest.engine.LoadClock}; the pacing schedule
 * ({@link dev.convoy.loadtest.engine.CallPlan}) is a pure function of the clock reading.
 */
package dev.convoy.loadtest.engine;
