package dev.convoy.loadtest.bench;

import dev.convoy.proto.monitor.v1.MonitorAdminGrpc;
import dev.convoy.proto.monitor.v1.QueryReportsRequest;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link LoadContender} on a Convoy server that samples every answered request into its
 * monitor. The row counts only if the monitor stored (nearly) every request the server
 * answered: a sampler that dropped samples to keep up did not sample 100%.
 */
record MonitoredContender(Target.Convoy server, int concurrency) implements Contender {

  /** Stored samples over answered requests a row needs, after the monitor has caught up. */
  static final double STORED_SHARE = 0.95;
  private static final Duration CATCH_UP = Duration.ofSeconds(10);

  @Override
  public List<Target> targets() {
    return List.of(server);
  }

  @Override
  public Side open(BenchContext context) throws Exception {
    Side load = new LoadContender(server, server.model(), concurrency).open(context);
    if (!server.monitored()) {
      return load;
    }
    RunningTarget serving = context.targets().get(server);
    RunningTarget monitor = context.targets().get(new Target.Monitor(server.key()));
    return new CheckedSide(load, () -> {
      long answered = answered(serving);
      long giveUp = System.nanoTime() + CATCH_UP.toNanos();
      long stored = stored(monitor);
      while (stored < STORED_SHARE * answered && System.nanoTime() < giveUp) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        stored = stored(monitor);
      }
      if (stored < STORED_SHARE * answered) {
        throw new NotRunException("the monitor stored " + stored + " samples of " + answered
            + " answered requests: the sampler dropped the rest");
      }
    });
  }

  private long answered(RunningTarget serving) {
    return serving.executionsByBatchSize(server.model()).entrySet().stream()
        .mapToLong(e -> e.getKey() * e.getValue()).sum();
  }

  /** Samples in the monitor's closed windows, plus a window for the open one (at most that). */
  private long stored(RunningTarget monitor) {
    List<WindowReport> reports = MonitorAdminGrpc.newBlockingStub(monitor.channels().get(0))
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .queryReports(QueryReportsRequest.newBuilder().setModelName(server.model())
            .setLimit(Integer.MAX_VALUE).build())
        .getReportsList();
    return reports.stream().mapToLong(WindowReport::getSamples).sum()
        + TargetLauncher.MONITOR_WINDOW;
  }
}
