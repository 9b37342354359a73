package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.LoadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One contender's side made of an asynchronous call kept in flight {@code inFlight} times
 * over: warmed up (the JVM too, on the target's first use), measured slice by slice, and, on a
 * Convoy server, with the batches the server executed read around each slice.
 */
final class CallSide implements Contender.Side {
  private final BenchContext context;
  private final RunningTarget running;
  private final RunningTarget server;
  private final String model;
  private final AsyncLoadCall call;
  private final int inFlight;
  private final int rowsPerRequest;
  private final Runnable done;
  private final List<LoadResult> slices = new ArrayList<>();
  private BatchObservation executed = new BatchObservation(Map.of());

  /**
   * @param server the Convoy server whose statistics tell the batches; null for none
   * @param done run once the measurement is taken (to close a stream, say)
   */
  CallSide(BenchContext context, RunningTarget running, RunningTarget server, String model, AsyncLoadCall call,
      int inFlight, int rowsPerRequest, Runnable done) {
    this.context = context;
    this.running = running;
    this.server = server;
    this.model = model;
    this.call = call;
    this.inFlight = inFlight;
    this.rowsPerRequest = rowsPerRequest;
    this.done = done;
  }

  /** The running Convoy server behind {@code target} (itself, or a router's backend), or null. */
  static RunningTarget statisticsServer(BenchContext context, Target target) throws NotRunException {
    Target.Convoy source = target instanceof Target.Router router ? router.backend()
        : target instanceof Target.Convoy convoy ? convoy : null;
    return source == null ? null : context.targets().get(source);
  }

  @Override
  public void warmUp() throws InterruptedException {
    if (running.firstUse()) {
      context.warmUpJvm(call);
    }
    context.warmUp(inFlight, call);
  }

  @Override
  public void slice(Duration duration) throws InterruptedException {
    Map<Long, Long> before = server == null ? Map.of() : server.executionsByBatchSize(model);
    slices.add(context.measure(inFlight, duration, call));
    if (server != null) {
      executed = executed.plus(BatchObservation.between(before, server.executionsByBatchSize(model)));
    }
  }

  @Override
  public Measurement measurement() {
    done.run();
    return Measurement.ofSlices(slices, rowsPerRequest, server == null ? null : executed);
  }
}
