package dev.convoy.loadtest.bench;

import java.util.List;

/**
 * convoy-load's gRPC engine (grpc-java over one connection, plaintext or TLS as the target's
 * channel is) against a Convoy server: {@code concurrency} batch-1 {@code ModelInfer} calls in
 * flight, closed loop. The raw HTTP/2 engine speaks no TLS, so rows compared with a TLS row use
 * this one on both sides.
 */
record GrpcEngineContender(Target target, String model, int concurrency) implements Contender {

  @Override
  public List<Target> targets() {
    return List.of(target);
  }

  @Override
  public Side open(BenchContext context) throws Exception {
    RunningTarget running = context.targets().get(target);
    return new CallSide(context, running, running, model, context.inferCall(running.channels(), model),
        concurrency, 1, () -> { });
  }
}
