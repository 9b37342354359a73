package dev.convoy.loadtest.sweep;

import java.io.IOException;
import java.util.Locale;

/**
 * perf_analyzer's CSV ({@code -f}): its columns, times in microseconds. Convoy sends requests
 * serialised before the run and does not parse answers, so Client Send and Client Recv are 0;
 * Network+Server Send/Recv is the average latency less the server's queue and compute.
 */
public final class SweepCsv {

  private SweepCsv() {}

  /** @param levelName {@code Concurrency} or {@code Request Rate}, the first column */
  public static void write(Sweep.Result result, String levelName, Appendable out)
      throws IOException {
    out.append(levelName).append(",Inferences/Second,Client Send,Network+Server Send/Recv,"
        + "Server Queue,Server Compute Input,Server Compute Infer,Server Compute Output,"
        + "Client Recv,p50 latency,p90 latency,p95 latency,p99 latency\n");
    for (SweepRow r : result.rows()) {
      out.append(Long.toString(r.level())).append(',')
          .append(String.format(Locale.ROOT, "%.2f", r.throughput())).append(",0,")
          .append(us(r.networkAndServerNanos())).append(',').append(us(r.queueNanos()))
          .append(',').append(us(r.computeInputNanos())).append(',')
          .append(us(r.computeInferNanos())).append(',').append(us(r.computeOutputNanos()))
          .append(",0,").append(us(r.p50Nanos())).append(',').append(us(r.p90Nanos()))
          .append(',').append(us(r.p95Nanos())).append(',').append(us(r.p99Nanos()))
          .append('\n');
    }
  }

  private static String us(long nanos) {
    return Long.toString(nanos / 1_000);
  }
}
