package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.grpc.StreamLoadCall;
import dev.convoy.loadtest.grpc.StreamShape;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ModelStreamInfer stream against a target, kept open for the whole row (warm-up and every
 * slice): {@code window} requests of {@code rowsPerRequest} data rows in flight, each timed
 * from its send to its answer. On a Convoy server (directly or through the router) the row
 * also says what batches the server executed.
 *
 * @param target the process called
 * @param model the model asked for
 * @param rowsPerRequest data rows in each request
 * @param window requests in flight on the stream
 */
record StreamContender(Target target, String model, int rowsPerRequest, int window)
    implements Contender {

  @Override
  public List<Target> targets() {
    return List.of(target);
  }

  @Override
  public Side open(BenchContext context) throws Exception {
    RunningTarget running = context.targets().get(target);
    Target.Convoy source = target instanceof Target.Router router ? router.backend()
        : target instanceof Target.Convoy convoy ? convoy : null;
    RunningTarget server = source == null ? null : context.targets().get(source);
    StreamLoadCall call = new StreamLoadCall(running.channels(),
        context.requests(model, rowsPerRequest), StreamShape.windowed(1, window),
        new Metadata(), null, System::nanoTime);
    return new StreamSide(context, running, server, call);
  }

  private final class StreamSide implements Side {
    private final BenchContext context;
    private final RunningTarget running;
    private final RunningTarget server;
    private final StreamLoadCall call;
    private final List<LoadResult> slices = new ArrayList<>();
    private BatchObservation executed = new BatchObservation(Map.of());

    StreamSide(BenchContext context, RunningTarget running, RunningTarget server,
        StreamLoadCall call) {
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
      context.warmUp(window, call);
    }

    @Override
    public void slice(Duration duration) throws InterruptedException {
      Map<Long, Long> before = server == null ? Map.of() : server.executionsByBatchSize(model);
      slices.add(context.measure(window, duration, call));
      if (server != null) {
        executed = executed.plus(
            BatchObservation.between(before, server.executionsByBatchSize(model)));
      }
    }

    @Override
    public Measurement measurement() {
      call.close();
      return Measurement.ofSlices(slices, rowsPerRequest, server == null ? null : executed);
    }
  }
}
