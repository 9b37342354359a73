package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.transport.NettyLimits;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router carries every client's calls to a backend on one connection, so it holds each
 * client connection to the calls a server gives one client: a client with more in flight waits
 * on its own connection, and the others' calls still go through.
 */
class ClientShareTest {
  private static final int GREEDY_CALLS = NettyLimits.CLIENT_CALLS_PER_CONNECTION + 44;
  private RecordingBackend backend;
  private RouterUnderTest router;
  private ManagedChannel greedy;
  private ManagedChannel other;

  @BeforeEach
  void start() {
    backend = new RecordingBackend("recorder", "digits_mlp");
    router = new RouterUnderTest("backend = " + backend.address() + "\n");
    greedy = ManagedChannelBuilder.forAddress("127.0.0.1", router.router.port()).usePlaintext().build();
    other = ManagedChannelBuilder.forAddress("127.0.0.1", router.router.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    greedy.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    router.close();
    backend.close();
  }

  @Test
  void oneClientOverItsShare_othersStillServed_andItsExtraCallsWaitNotFail() throws Exception {
    backend.hold();
    List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();
    for (int i = 0; i < GREEDY_CALLS; i++) {
      calls.add(call(greedy, "greedy-" + i));
    }
    for (int i = 0; i < NettyLimits.CLIENT_CALLS_PER_CONNECTION; i++) {
      assertThat(backend.nextReceived().id()).startsWith("greedy-");
    }

    ListenableFuture<ModelInferResponse> otherCall = call(other, "other");

    assertThat(backend.nextReceived().id()).as("the next call at the backend").isEqualTo("other");
    backend.answer();
    backend.releaseHeld();
    assertThat(otherCall.get(20, TimeUnit.SECONDS).getId()).isEqualTo("other");
    for (ListenableFuture<ModelInferResponse> call : calls) {
      assertThat(call.get(20, TimeUnit.SECONDS).getId()).startsWith("greedy-");
    }
  }

  private static ListenableFuture<ModelInferResponse> call(ManagedChannel channel, String id) {
    return GRPCInferenceServiceGrpc.newFutureStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
        .modelInfer(Requests.digitsMlp().toBuilder().setId(id).build());
  }
}
