package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.loadtest.input.RequestPool;
import io.grpc.Channel;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real server over loopback: {@code concurrency} workers each with one batch-1
 * {@code ModelInfer} in flight, closed loop, over one HTTP/2 connection. ModelStatistics is
 * read before and after the measured phase, so the row also says what batches the server
 * executed.
 *
 * @param model the model to serve and call
 * @param variant how its config is rewritten
 * @param concurrency workers (calls in flight)
 */
public record ServedProbe(String model, ModelVariant variant, int concurrency) implements Probe {

  /** Generous: a row should report slow calls, not turn them into deadline errors. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public Measurement measure(BenchContext context) throws Exception {
    return measureOn(context, context.servers().serve(model, variant), concurrency);
  }

  /** Warms up and measures {@code concurrency} workers calling {@code server} directly. */
  static Measurement measureOn(BenchContext context, RunningServer server, int concurrency)
      throws Exception {
    GrpcLoadCall call = inferCall(server.channels(), server);
    context.warmUpJvmOnce(BenchContext.SERVED_PATH, call);
    context.warmUp(concurrency, call);
    Map<Long, Long> before = server.executionsByBatchSize();
    LoadResult result = context.measure(concurrency, call);
    Map<Long, Long> after = server.executionsByBatchSize();
    return Measurement.of(result, 1, BatchObservation.between(before, after));
  }

  /**
   * The rows' call: {@code server}'s batch-1 requests, cycled, as {@code ModelInfer} over
   * {@code channels} (the server's own connection, or one to a router in front of it).
   */
  static GrpcLoadCall inferCall(List<? extends Channel> channels, RunningServer server) {
    return new GrpcLoadCall(channels, InferenceMethods.resolve("ModelInfer"),
        new RequestPool<>(server.requests()), CALL_TIMEOUT, new Metadata());
  }
}
