package dev.convoy.chaos;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls that leave before their batch is dispatched: a model whose batcher waits 2 s for a
 * batch to fill gets calls with a 300 ms deadline and calls cancelled after 100 ms, directly
 * and through the router. None may run on the model: one good call afterwards must be the
 * only execution ModelStatistics records.
 */
final class CancelCase {
  static final String MODEL = "digits_slowq";
  private static final int CALLS_PER_WAY = 20;

  private CancelCase() {}

  static CaseResult run(Path root, Path repository) throws Exception {
    try (Launched server = Launched.server(root, repository, "512m");
        Launched router = Launched.router(root, server.port())) {
      ManagedChannel direct = Channels.to(server.port());
      ManagedChannel routed = Channels.to(router.port());
      try {
        Channels.awaitModel(routed, MODEL);
        long before = executions(direct);
        List<CompletableFuture<Void>> gone = new ArrayList<>();
        for (ManagedChannel channel : List.of(direct, routed)) {
          for (int i = 0; i < CALLS_PER_WAY; i++) {
            gone.add(call(channel, 300, false));
            gone.add(call(channel, 100, true));
          }
        }
        CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        GRPCInferenceServiceGrpc.newBlockingStub(direct).withDeadlineAfter(30, TimeUnit.SECONDS)
            .modelInfer(Requests.digits(MODEL));
        long executed = executions(direct) - before;
        String figures = "  " + gone.size() + " calls gone before dispatch (deadline or cancel, half through the"
            + " router), then 1 good call: " + executed + " executions\n";
        return new CaseResult("cancelled before dispatch", figures, "0 executions for the calls that left",
            executed == 1);
      } finally {
        Channels.close(direct);
        Channels.close(routed);
      }
    }
  }

  /** A call that ends by its deadline after {@code millis}, or that its caller cancels then. */
  private static CompletableFuture<Void> call(ManagedChannel channel, long millis, boolean cancel) {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    StreamObserver<ModelInferResponse> observer = new StreamObserver<>() {
      @Override
      public void onNext(ModelInferResponse value) { }

      @Override
      public void onError(Throwable t) {
        ended.complete(null);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    };
    ModelInferRequest request = Requests.digits(MODEL);
    GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(channel);
    if (!cancel) {
      stub.withDeadlineAfter(millis, TimeUnit.MILLISECONDS).modelInfer(request, observer);
      return ended;
    }
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(() -> stub.modelInfer(request, observer));
    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> context.cancel(null));
    return ended;
  }

  private static long executions(ManagedChannel channel) {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .modelStatistics(ModelStatisticsRequest.newBuilder().setName(MODEL).build())
        .getModelStatsList().stream().mapToLong(ModelStatistics::getExecutionCount).sum();
  }
}
