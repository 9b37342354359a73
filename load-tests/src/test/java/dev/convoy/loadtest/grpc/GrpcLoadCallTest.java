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
import java.util.concurrent.CompletableFuture;
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
        List.of(ModelInferRequest.newBuilder().setModelName("m").build()), Duration.ofSeconds(5),
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
        List.of(ModelInferRequest.getDefaultInstance()), Duration.ofMillis(20), new Metadata());

    CallOutcome outcome = once(call, 0, 0);

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
        List.of(channel), method, List.of(request), Duration.ZERO, new Metadata());

    assertThat(once(call, 3, 7).isOk()).isTrue();
  }

  @Test
  void start_severalRequests_sendsRequestIndexModuloCountWithTheHeaders() throws Exception {
    FakeInferenceService service = FakeInferenceService.alwaysOk();
    start(service);
    Metadata headers = new Metadata();
    Metadata.Key<String> key = Metadata.Key.of("x-run", Metadata.ASCII_STRING_MARSHALLER);
    headers.put(key, "bench");
    List<ModelInferRequest> requests = List.of(
        ModelInferRequest.newBuilder().setId("a").build(),
        ModelInferRequest.newBuilder().setId("b").build(),
        ModelInferRequest.newBuilder().setId("c").build());
    GrpcLoadCall call = new GrpcLoadCall(List.of(channel), InferenceMethods.resolve("ModelInfer"),
        requests, Duration.ofSeconds(5), headers);

    for (long index : new long[] {0, 4, 8}) {
      assertThat(once(call, 0, index).isOk()).isTrue();
    }

    assertThat(service.received()).extracting(ModelInferRequest::getId)
        .containsExactly("a", "b", "c");
    assertThat(headers.get(key)).isEqualTo("bench");
  }

  private static CallOutcome once(GrpcLoadCall call, int slot, long index) throws Exception {
    CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    call.start(slot, index, outcome::complete);
    return outcome.get(5, TimeUnit.SECONDS);
  }

  private void start(io.grpc.BindableService service) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }
}
