/**
 * Request generation: requests parsed from JSON (ghz's {@code -d}/{@code -D}), and
 * {@code ModelInferRequest}s built from a model's metadata, filled with seeded random values
 * or with the rows of a CSV file, in {@code raw_input_contents} form.
 *
 * <p>Requests are built once, before the run, and cycled through: building tensors during the
 * run would put the load generator's own CPU work into the measured latency.
 */
package dev.convoy.loadtest.input;
