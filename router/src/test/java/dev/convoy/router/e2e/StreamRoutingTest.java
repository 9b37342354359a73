package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelStreamInfer through the router when a backend goes away, and when the client stops reading. */
class StreamRoutingTest {
  /** The router's window of requests in flight per stream. */
  private static final int WINDOW = 256;
  @TempDir Path repositories;

  @Test
  void modelStreamInfer_oneOfTwoServersStopsMidStream_everyRequestAnsweredOnceWithoutError() throws Exception {
    int requests = 1_000;
    try (Servers.Loopback first = new Servers.Loopback(Servers.repository(repositories.resolve("a"), "digits_mlp"));
        Servers.Loopback second = new Servers.Loopback(Servers.repository(repositories.resolve("b"), "digits_mlp"));
        RouterUnderTest router = new RouterUnderTest("backend = " + first.address() + "\nbackend = "
            + second.address() + "\n")) {
      StreamClient stream = new StreamClient(router.asyncStub());
      for (int i = 0; i < requests; i++) {
        stream.send(Requests.digitsMlp().toBuilder().setId("r" + i).build());
      }
      stream.awaitResponses(requests / 4);
      first.stop();
      stream.finish();

      List<ModelStreamInferResponse> responses = stream.awaitCompletion();

      assertThat(responses).extracting(r -> r.getInferResponse().getId())
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, requests).mapToObj(i -> "r" + i).toList());
      // Requests refused by the stopping server are retried on the other one, as unary calls are.
      assertThat(responses).allSatisfy(r -> assertThat(r.getErrorMessage()).isEmpty());
      assertThat(second.served("digits_mlp")).isPositive();
    }
  }

  @Test
  void modelStreamInfer_clientStopsReading_routerStopsForwardingWithinItsWindow() throws Exception {
    int sent = 2_000;
    try (RecordingBackend backend = new RecordingBackend("recorder", "digits_mlp");
        RouterUnderTest router = new RouterUnderTest("backend = " + backend.address() + "\n")) {
      AtomicReference<ClientCallStreamObserver<ModelInferRequest>> call = new AtomicReference<>();
      AtomicInteger answers = new AtomicInteger();
      CompletableFuture<Void> end = new CompletableFuture<>();
      GRPCInferenceServiceGrpc.newStub(router.channel).withDeadlineAfter(60, TimeUnit.SECONDS)
          .modelStreamInfer(new ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse>() {
            @Override public void beforeStart(ClientCallStreamObserver<ModelInferRequest> stream) {
              stream.disableAutoRequestWithInitial(0);
              call.set(stream);
            }
            @Override public void onNext(ModelStreamInferResponse value) { answers.incrementAndGet(); }
            @Override public void onError(Throwable t) { end.completeExceptionally(t); }
            @Override public void onCompleted() { end.complete(null); }
          });
      // The backend echoes each id: 8 KiB ids make 8 KiB answers, so the transports absorb few.
      String padding = "x".repeat(8 << 10);
      for (int i = 0; i < sent; i++) {
        call.get().onNext(Requests.digitsMlp().toBuilder().setId(i + padding).build());
      }
      awaitCalls(backend, WINDOW);
      // Nothing to wait for: the point is that nothing more reaches the backend while the client reads nothing.
      Thread.sleep(500);
      // The window, plus what the client's HTTP/2 window (1 MiB) and the sockets' buffers absorb,
      // which vary with the kernel: far fewer than were sent, however they vary.
      assertThat(backend.inferCalls()).isBetween(WINDOW, sent / 2);

      call.get().request(Integer.MAX_VALUE);
      call.get().onCompleted();
      end.get(60, TimeUnit.SECONDS);
      assertThat(answers.get()).isEqualTo(sent);
      assertThat(backend.inferCalls()).isEqualTo(sent);
    }
  }

  private static void awaitCalls(RecordingBackend backend, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (backend.inferCalls() < count) {
      assertThat(System.nanoTime()).as("calls at the backend: " + backend.inferCalls()).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
