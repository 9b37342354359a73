package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.transport.NettyLimits;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server takes many more calls on one connection than one client's share: a router brings all
 * its clients' calls on one connection, and a call beyond the limit waits in the router.
 */
class CallsPerConnectionTest {
  private static final int OPEN_STREAMS = NettyLimits.CLIENT_CALLS_PER_CONNECTION + 44;
  @TempDir Path repository;

  @Test
  void oneConnection_moreOpenCallsThanAClientsShare_lastOneAnswered() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    try (LoopbackServer loopback = new LoopbackServer(repository)) {
      GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(loopback.channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS);
      List<StreamObserver<ModelInferRequest>> idle = new ArrayList<>();
      for (int i = 0; i < OPEN_STREAMS - 1; i++) {
        idle.add(stub.modelStreamInfer(new FirstAnswer()));
      }
      FirstAnswer answer = new FirstAnswer();
      StreamObserver<ModelInferRequest> last = stub.modelStreamInfer(answer);

      last.onNext(ZeroDigits.request("last"));

      ModelStreamInferResponse response = answer.first.get(20, TimeUnit.SECONDS);
      assertThat(response.getErrorMessage()).isEmpty();
      assertThat(response.getInferResponse().getId()).isEqualTo("last");
      last.onCompleted();
      idle.forEach(StreamObserver::onCompleted);
    }
  }

  /** Keeps the first answer of a stream. */
  private static final class FirstAnswer implements StreamObserver<ModelStreamInferResponse> {
    final CompletableFuture<ModelStreamInferResponse> first = new CompletableFuture<>();

    @Override
    public void onNext(ModelStreamInferResponse response) {
      first.complete(response);
    }

    @Override
    public void onError(Throwable t) {
      first.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      first.completeExceptionally(new AssertionError("stream ended unanswered"));
    }
  }
}
