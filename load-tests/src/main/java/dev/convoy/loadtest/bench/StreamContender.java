package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.grpc.StreamLoadCall;
import dev.convoy.loadtest.grpc.StreamShape;
import io.grpc.Metadata;
import java.util.List;

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
    StreamLoadCall call = new StreamLoadCall(running.channels(),
        context.requests(model, rowsPerRequest), StreamShape.windowed(1, window),
        new Metadata(), null, System::nanoTime);
    return new CallSide(context, running, CallSide.statisticsServer(context, target), model, call, window,
        rowsPerRequest, call::close);
  }
}
