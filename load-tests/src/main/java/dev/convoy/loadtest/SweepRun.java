package dev.convoy.loadtest;

import static java.lang.String.format;

import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.report.SweepHtml;
import dev.convoy.loadtest.sweep.ServerTimes;
import dev.convoy.loadtest.sweep.Sweep;
import dev.convoy.loadtest.sweep.SweepCsv;
import dev.convoy.loadtest.sweep.SweepRow;
import dev.convoy.loadtest.sweep.Window;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.InferStatistics;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A perf_analyzer sweep on the run's call: each window is a closed-loop run at the level's
 * concurrency (or an open-loop run at its rate) for the window's length; the model's
 * ModelStatistics are read around each level. Prints each level and where p99 crosses the
 * threshold; writes the CSV and HTML when asked.
 */
final class SweepRun {

  private final RunSettings settings;
  private final SweepSettings sweep;
  private final AsyncLoadCall call;
  private final Channel channel;
  private final Metadata headers;
  private final LoadClock clock = LoadClock.system();
  private final long startNanos = clock.nanoTime();

  SweepRun(RunSettings settings, AsyncLoadCall call, Channel channel, Metadata headers) {
    this.settings = settings;
    this.sweep = settings.sweep();
    this.call = call;
    this.channel = channel;
    this.headers = headers;
  }

  void run(PrintWriter out) throws InterruptedException, LoadTestException {
    out.printf("*** Measurement Settings ***%n  Measurement window: %d msec%n"
        + "  Stabilizing within %s%% over %d windows, at most %d trials%n%n",
        sweep.window().toMillis(), fmt(sweep.plan().stabilityPercentage()), 3,
        sweep.plan().maxTrials());
    Sweep.Result result = new Sweep(this::measure, this::serverTimes).run(sweep.plan());
    for (SweepRow r : result.rows()) {
      out.printf("%s: %d, throughput: %.2f infer/sec, latency %d usec (p50 %d, p99 %d)%s%n",
          sweep.levelName(), r.level(), r.throughput(), r.averageNanos() / 1000,
          r.p50Nanos() / 1000, r.p99Nanos() / 1000, r.stable() ? "" : " [not stable]");
    }
    Duration threshold = sweep.plan().latencyThreshold();
    if (result.crossedAt() != null) {
      out.printf("%np99 latency crosses %d ms at %s %d%n", threshold.toMillis(),
          sweep.levelName().toLowerCase(Locale.ROOT), result.crossedAt());
    } else if (!threshold.isZero()) {
      out.printf("%np99 latency stays at or below %d ms up to %s %d%n", threshold.toMillis(),
          sweep.levelName().toLowerCase(Locale.ROOT),
          result.rows().get(result.rows().size() - 1).level());
    }
    out.flush();
    write(sweep.csvFile(), w -> SweepCsv.write(result, sweep.levelName(), w));
    write(sweep.htmlFile(), w -> SweepHtml.write(result,
        "convoy-load sweep: " + settings.call(), sweep.levelName(), w));
  }

  private Window measure(long level) throws InterruptedException {
    LoadOptions options = sweep.rateMode()
        ? new LoadOptions(settings.load().concurrency(), 0, sweep.window(), level,
            Duration.ZERO, 0, false)
        : LoadOptions.timed((int) Math.min(Integer.MAX_VALUE, level), sweep.window());
    LoadResult r = new LoadRunner(clock).run(options, call);
    double seconds = Math.max(1, r.totalNanos()) / 1e9;
    return new Window(clock.nanoTime() - startNanos, r.okCount() / seconds,
        (long) r.latency().getMean(), r.latency().getValueAtPercentile(50),
        r.latency().getValueAtPercentile(90), r.latency().getValueAtPercentile(95),
        r.latency().getValueAtPercentile(99), r.count());
  }

  /** The model's cumulative times; none without --model or when the server has no stats. */
  private ServerTimes serverTimes() {
    if (settings.model() == null) {
      return ServerTimes.NONE;
    }
    var stub = GRPCInferenceServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(headers)))
        .withDeadlineAfter(settings.channel().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      long count = 0;
      long queue = 0;
      long input = 0;
      long infer = 0;
      long output = 0;
      for (ModelStatistics m : stub.modelStatistics(ModelStatisticsRequest.newBuilder()
          .setName(settings.model()).setVersion(settings.modelVersion()).build())
          .getModelStatsList()) {
        InferStatistics s = m.getInferenceStats();
        count += s.getSuccess().getCount();
        queue += s.getQueue().getNs();
        input += s.getComputeInput().getNs();
        infer += s.getComputeInfer().getNs();
        output += s.getComputeOutput().getNs();
      }
      return new ServerTimes(count, queue, input, infer, output);
    } catch (StatusRuntimeException e) {
      return ServerTimes.NONE;
    }
  }

  private interface Report {
    void write(Writer writer) throws IOException;
  }

  private static void write(Path path, Report report) throws LoadTestException {
    if (path == null) {
      return;
    }
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      report.write(w);
    } catch (IOException e) {
      throw new LoadTestException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : format(Locale.ROOT, "%s", v);
  }
}
