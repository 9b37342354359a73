package dev.convoy.batch.job;

import dev.convoy.batch.input.InputFormat;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A job, validated once.
 *
 * @param model for CSV rows, and for JSONL requests that name none; "" for none
 * @param rowsPerRequest CSV rows per request; 0: the model's max_batch_size (1 if it has none)
 * @param inFlightRows rows sent and not yet written, at most
 * @param streams ModelStreamInfer streams the requests are spread over
 * @param deadline of each attempt of a request
 * @param commitEvery how often the files are fsynced and the checkpoint written
 */
public record JobSettings(Path input, InputFormat format, Path output, Path errors, Path checkpoint, String model,
    String modelVersion, int rowsPerRequest, int inFlightRows, int streams, int retries, Duration backoff,
    Duration maxBackoff, Duration deadline, Duration commitEvery) {

  public JobSettings {
    if (rowsPerRequest < 0) {
      throw new IllegalArgumentException("--rows-per-request must be >= 1 (or 0 for the model's max_batch_size)");
    }
    if (inFlightRows < 1) {
      throw new IllegalArgumentException("--in-flight-rows must be >= 1, got " + inFlightRows);
    }
    if (streams < 1) {
      throw new IllegalArgumentException("--streams must be >= 1, got " + streams);
    }
    if (deadline.isNegative() || deadline.isZero() || commitEvery.isNegative() || commitEvery.isZero()) {
      throw new IllegalArgumentException("--deadline and --commit-every must be positive");
    }
    if (format == InputFormat.CSV && model.isEmpty()) {
      throw new IllegalArgumentException("a CSV input needs --model");
    }
    if (output.toAbsolutePath().equals(errors.toAbsolutePath())) {
      throw new IllegalArgumentException("--output and --errors must be different files");
    }
  }

  Backoff backoffPolicy() {
    return new Backoff(retries, backoff, maxBackoff);
  }
}
