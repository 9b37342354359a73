package dev.convoy.loadtest.bench;

import java.util.List;

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

  @Override
  public Side open(BenchContext context) throws Exception {
    RunningTarget running = context.targets().get(target);
    return new CallSide(context, running, CallSide.statisticsServer(context, target), model,
        context.rawInferCall(running, model), concurrency, 1, () -> { });
  }
}
