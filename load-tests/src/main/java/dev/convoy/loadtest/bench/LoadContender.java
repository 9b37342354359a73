package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.LoadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * convoy-load's engine against a target: {@code concurrency} batch-1 {@code ModelInfer} calls
 * in flight, closed loop, over one HTTP/2 connection, made by the raw HTTP/2 engine. On a Convoy server (directly or through
 * the router) ModelStatistics is read around each slice, so the row also says what batches the
 * server executed.
 *
 * @param target the process called
 * @param model the model asked for
 * @param concurrency calls in flight
 */
record LoadContender(Target target, String model, int concurrency) implements Contender {

  @Override
  public List<Target> targets() {
    return List.of(target);
  }

  /** The Convoy server whose statistics tell the batches, if any. */
  private Target.Convoy statisticsSource() {
    if (target instanceof Target.Convoy convoy) {
      return convoy;
    }
    return target instanceof Target.Router router ? router.backend() : null;
  }

  @Override
  public Side open(BenchContext context) throws Exception {
    RunningTarget running = context.targets().get(target);
    Target.Convoy source = statisticsSource();
    RunningTarget server = source == null ? null : context.targets().get(source);
    return new LoadSide(context, running, server, context.rawInferCall(running, model));
  }

  private final class LoadSide implements Side {
    private final BenchContext context;
    private final RunningTarget running;
    private final RunningTarget server;
    private final AsyncLoadCall call;
    private final List<LoadResult> slices = new ArrayList<>();
    private BatchObservation executed = new BatchObservation(Map.of());

    LoadSide(BenchContext context, RunningTarget running, RunningTarget server,
        AsyncLoadCall call) {
      this.context = context;
      this.running = running;
      this.server = server;
      this.call = call;
    }

    @Override
    public void warmUp() throws InterruptedException {
      if (running.firstUse()) {
        context.warmUpJvm(call);
      }
      context.warmUp(concurrency, call);
    }

    @Override
    public void slice(Duration duration) throws InterruptedException {
      Map<Long, Long> before = server == null ? Map.of() : server.executionsByBatchSize(model);
      slices.add(context.measure(concurrency, duration, call));
      if (server != null) {
        executed = executed.plus(
            BatchObservation.between(before, server.executionsByBatchSize(model)));
      }
    }

    @Override
    public Measurement measurement() {
      return Measurement.ofSlices(slices, 1, server == null ? null : executed);
    }
  }
}
