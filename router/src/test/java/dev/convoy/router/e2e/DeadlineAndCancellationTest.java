package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What reaches the backend through the router: deadline, cancellation and metadata, both ways. */
class DeadlineAndCancellationTest {
  private static final Metadata.Key<String> TAG = Metadata.Key.of("x-request-tag", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  private static RecordingBackend backend;
  private static RouterUnderTest router;

  @BeforeAll
  static void start() {
    backend = new RecordingBackend("recorder", "digits_mlp");
    router = new RouterUnderTest("backend = " + backend.address() + "\n");
  }

  @AfterAll
  static void stop() throws Exception {
    router.close();
    backend.close();
  }

  @AfterEach
  void answerAgain() {
    backend.releaseHeld();
    backend.answer();
    backend.clearRecords();
  }

  @Test
  void modelInfer_clientDeadline_reachesBackend() throws Exception {
    router.stub().withDeadlineAfter(4, TimeUnit.SECONDS).modelInfer(Requests.digitsMlp());

    RecordingBackend.Received received = backend.nextReceived();
    assertThat(received.deadline()).isNotNull();
    assertThat(received.deadline().timeRemaining(TimeUnit.MILLISECONDS)).isBetween(1000L, 4000L);
  }

  @Test
  void modelInfer_noClientDeadline_noneAtBackend() throws Exception {
    Channel plain = router.channel;
    dev.convoy.proto.inference.GRPCInferenceServiceGrpc.newBlockingStub(plain).modelInfer(Requests.digitsMlp());

    assertThat(backend.nextReceived().deadline()).isNull();
  }

  @Test
  void modelInfer_clientCancels_backendCallCancelled() throws Exception {
    backend.hold();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(() -> router.asyncStub().modelInfer(Requests.digitsMlp().toBuilder().setId("to-cancel").build(),
        observer(outcome)));
    assertThat(backend.nextReceived().id()).isEqualTo("to-cancel");

    context.cancel(null);

    assertThat(backend.nextCancelled()).isEqualTo("to-cancel");
    assertThat(Status.fromThrowable(outcome.get(10, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void modelInfer_deadlinePassesWhileBackendWorks_clientGetsDeadlineExceededAndBackendIsCancelled() throws Exception {
    backend.hold();

    assertThatThrownBy(() -> router.stub().withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .modelInfer(Requests.digitsMlp().toBuilder().setId("too-slow").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

    assertThat(backend.nextCancelled()).isEqualTo("too-slow");
  }

  @Test
  void modelInfer_metadata_passesBothWays() throws Exception {
    Metadata headers = new Metadata();
    headers.put(TAG, "tag-1");
    headers.put(TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    Channel capturing = ClientInterceptors.intercept(router.channel, capture(responseHeaders, trailers));

    ModelInferResponse response = dev.convoy.proto.inference.GRPCInferenceServiceGrpc.newBlockingStub(capturing)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .modelInfer(Requests.digitsMlp());

    assertThat(response.getModelName()).isEqualTo("digits_mlp");
    Metadata received = backend.nextReceived().headers();
    assertThat(received.get(TAG)).isEqualTo("tag-1");
    assertThat(received.get(TRACEPARENT)).isEqualTo(headers.get(TRACEPARENT));
    assertThat(responseHeaders.get().get(RecordingBackend.SERVED_BY)).isEqualTo("recorder");
    assertThat(trailers.get().get(RecordingBackend.TRAILER)).isEqualTo("recorder");
  }

  @Test
  void modelStreamInfer_clientCancels_backendCallOfEachRequestInFlightCancelled() throws Exception {
    backend.hold();
    StreamClient stream = new StreamClient(router.asyncStub());
    stream.send(Requests.digitsMlp().toBuilder().setId("s0").build());
    assertThat(backend.nextReceived().id()).isEqualTo("s0");

    stream.cancel();

    assertThat(backend.nextCancelled()).isEqualTo("s0");
    assertThat(stream.awaitFailure().getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void modelStreamInfer_deadline_reachesBackend() throws Exception {
    StreamClient stream = new StreamClient(router.asyncStub());
    stream.send(Requests.digitsMlp().toBuilder().setId("s1").build());
    stream.finish();

    assertThat(stream.awaitCompletion()).hasSize(1);
    assertThat(backend.nextReceived().deadline().timeRemaining(TimeUnit.SECONDS)).isBetween(1L, 30L);
  }

  private static StreamObserver<ModelInferResponse> observer(CompletableFuture<Throwable> outcome) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ModelInferResponse value) { }

      @Override
      public void onError(Throwable t) {
        outcome.complete(t);
      }

      @Override
      public void onCompleted() {
        outcome.complete(null);
      }
    };
  }

  private static ClientInterceptor capture(AtomicReference<Metadata> headers, AtomicReference<Metadata> trailers) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata requestHeaders) {
            super.start(new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onHeaders(Metadata received) {
                headers.set(received);
                super.onHeaders(received);
              }

              @Override
              public void onClose(Status status, Metadata received) {
                trailers.set(received);
                super.onClose(status, received);
              }
            }, requestHeaders);
          }
        };
      }
    };
  }
}
