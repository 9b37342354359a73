package dev.convoy.telemetry.metrics;

import java.util.List;

/** Histogram bucket boundaries for Convoy's instruments (OpenTelemetry's defaults suit milliseconds). */
public final class Buckets {
  /** Latencies in seconds: 100 µs to 30 s, roughly 1-2.5-5 per decade. */
  public static final List<Double> LATENCY_SECONDS = List.of(
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);
  /** Batch sizes in rows (or requests): powers of two up to 1024. */
  public static final List<Long> BATCH_SIZES = List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L);

  private Buckets() {}
}
