package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcLoadCallTest {

  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void invoke_throughEngine_statusesAsGhzNamesThem() throws Exception {
    start(new FakeInferenceService(4, Status.RESOURCE_EXHAUSTED));
    GrpcLoadCall call = new GrpcLoadCall(List.of(channel), InferenceMethods.resolve("ModelInfer"),
        index -> ModelInferRequest.newBuilder().setModelName("m").build(), Duration.ofSeconds(5),
        new Metadata());

    LoadResult result = new LoadRunner(LoadClock.system()).run(LoadOptions.closedLoop(4, 40), call);

    assertThat(result.statusCounts())
        .containsEntry("OK", 30L).containsEntry("ResourceExhausted", 10L);
    assertThat(result.errorCounts()).containsOnlyKeys(
        "rpc error: code = ResourceExhausted desc = " + FakeInferenceService.FAILURE_DESCRIPTION);
  }

  @Test
  void invoke_clientDeadlinePasses_oneFixedErrorText() throws Exception {
    start(new GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase() {
      @Override
      public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
        // Never answers: the client's deadline must end the call.
      }
    });
    GrpcLoadCall call = new GrpcLoadCall(List.of(channel), InferenceMethods.resolve("ModelInfer"),
        index -> ModelInferRequest.getDefaultInstance(), Duration.ofMillis(20), new Metadata());

    CallOutcome outcome = call.invoke(0, 0);

    assertThat(outcome.status()).isEqualTo("DeadlineExceeded");
    assertThat(outcome.error())
        .isEqualTo("rpc error: code = DeadlineExceeded desc = context deadline exceeded");
  }

  @Test
  void invoke_genericMethod_sendsTheRequestGiven() throws Exception {
    start(FakeInferenceService.alwaysOk());
    var method = InferenceMethods.resolve("ServerLive");
    Message request = InferenceMethods.requestPrototype(method);
    GrpcLoadCall call = new GrpcLoadCall(
        List.of(channel), method, index -> request, Duration.ZERO, new Metadata());

    assertThat(call.invoke(3, 7).isOk()).isTrue();
  }

  private void start(io.grpc.BindableService service) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }
}
