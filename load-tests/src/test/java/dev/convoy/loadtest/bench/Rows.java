package dev.convoy.loadtest.bench;

import java.util.HashMap;
import java.util.Map;

/** Hand-made rows and measurements for the report and comparison tests. */
final class Rows {

  private Rows() {}

  static RowSpec spec(String id) {
    return new RowSpec(id, "g", "scenario of " + id, "config of " + id, context -> {
      throw new AssertionError("not run in these tests");
    });
  }

  /** One second, {@code requests} calls of {@code rowsPerRequest} rows, fixed percentiles. */
  static Measurement measurement(int rowsPerRequest, long requests, long p50Micros,
      BatchObservation batch) {
    return new Measurement(rowsPerRequest, requests, 0, 1.0, p50Micros * 1000,
        p50Micros * 2000, p50Micros * 4000, p50Micros * 8000, "", batch, Measurement.NO_HEAP);
  }

  static RowResult measured(String id, int rowsPerRequest, long requests, long p50Micros) {
    return RowResult.measured(spec(id), measurement(rowsPerRequest, requests, p50Micros, null));
  }

  static BatchObservation batches(long... sizeAndCount) {
    Map<Long, Long> executions = new HashMap<>();
    for (int i = 0; i < sizeAndCount.length; i += 2) {
      executions.put(sizeAndCount[i], sizeAndCount[i + 1]);
    }
    return new BatchObservation(Map.copyOf(executions));
  }
}
