package dev.convoy.router.e2e;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A ModelStreamInfer client that collects responses and the stream's end. */
final class StreamClient {
  private static final int ENDED = 1_000_000;
  private final List<ModelStreamInferResponse> responses = new CopyOnWriteArrayList<>();
  private final Semaphore arrived = new Semaphore(0);
  private final CompletableFuture<Status> end = new CompletableFuture<>();
  private final StreamObserver<ModelInferRequest> requests;

  StreamClient(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub) {
    requests = stub.withDeadlineAfter(30, TimeUnit.SECONDS).modelStreamInfer(new StreamObserver<>() {
      @Override
      public void onNext(ModelStreamInferResponse value) {
        responses.add(value);
        arrived.release();
      }

      @Override
      public void onError(Throwable t) {
        end.complete(Status.fromThrowable(t));
        arrived.release(ENDED);
      }

      @Override
      public void onCompleted() {
        end.complete(Status.OK);
        arrived.release(ENDED);
      }
    });
  }

  void send(ModelInferRequest request) {
    requests.onNext(request);
  }

  void finish() {
    requests.onCompleted();
  }

  void cancel() {
    requests.onError(Status.CANCELLED.withDescription("test cancels").asRuntimeException());
  }

  /** Waits (up to 30 s) until {@code count} responses have arrived. */
  void awaitResponses(int count) throws InterruptedException {
    if (!arrived.tryAcquire(count, 30, TimeUnit.SECONDS) || responses.size() < count) {
      throw new AssertionError("stream: " + responses.size() + " of " + count + " responses; ended: " + end.getNow(null));
    }
  }

  /**
   * Waits (up to 30 s) for {@code count} responses, then cancels the stream. The test does not
   * wait for the server to end the stream, only for the answers it is after.
   */
  List<ModelStreamInferResponse> awaitResponsesThenCancel(int count) throws InterruptedException {
    if (!arrived.tryAcquire(count, 30, TimeUnit.SECONDS) || responses.size() < count) {
      throw new AssertionError("stream: " + responses.size() + " of " + count + " responses; ended: " + end.getNow(null));
    }
    cancel();
    return List.copyOf(responses);
  }

  /** The status of a stream that failed. */
  Status awaitFailure() throws Exception {
    Status status = end.get(30, TimeUnit.SECONDS);
    if (status.isOk()) {
      throw new AssertionError("stream ended OK with " + responses.size() + " responses");
    }
    return status;
  }

  /** The responses of a stream that ended OK. */
  List<ModelStreamInferResponse> awaitCompletion() throws Exception {
    Status status = end.get(30, TimeUnit.SECONDS);
    if (!status.isOk()) {
      throw new AssertionError("stream failed: " + status);
    }
    return List.copyOf(responses);
  }
}
