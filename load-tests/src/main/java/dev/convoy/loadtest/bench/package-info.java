/**
 * {@code convoy-bench}, the side-by-side benchmark suite: runs scenarios (in-process ONNX
 * Runtime, the server over loopback, the server with and without dynamic batching, the server
 * straight and through the router) one after another in one run on one machine, and prints
 * each row's throughput and HdrHistogram percentiles with the ratios between rows.
 *
 * <p>Ratios, not absolute figures, are the result: the machines are shared and noisy, so only
 * rows measured side by side compare. A scenario group lists its rows ({@link
 * dev.convoy.loadtest.bench.RowSpec}) and the comparisons between them ({@link
 * dev.convoy.loadtest.bench.Comparison}); a later scenario (streaming) is one more
 * {@link dev.convoy.loadtest.bench.ScenarioGroup} in {@link
 * dev.convoy.loadtest.bench.Scenarios#catalogue}.
 */
package dev.convoy.loadtest.bench;
