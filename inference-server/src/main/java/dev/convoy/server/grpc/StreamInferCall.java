package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One ModelStreamInfer stream with a window of requests in flight (manual flow control).
 *
 * <p>The stream asks the transport for up to {@code window} requests; it asks for one more
 * each time an answer is handed to the transport. Answers are sent as they complete (so in
 * completion order, each with its request's id) while the client can take them
 * ({@code isReady}); otherwise they wait in a queue that the window bounds, and go out on
 * {@code onReady}. A client that stops reading thus stops the server reading. A failed
 * request answers with {@code error_message} and the stream carries on.
 *
 * <p>Every request is tied to the call's Context only until it is answered (the handler takes
 * its cancellation listener off again), so a long stream holds nothing for the requests it has
 * answered. Cancelling the call cancels every request in flight.
 */
final class StreamInferCall implements StreamObserver<ModelInferRequest> {
  private final InferHandler handler;
  private final ServerCallStreamObserver<ModelStreamInferResponse> responses;
  private final Context call;
  private final StreamWindow sizing;
  private final OpenStreams streams;
  /** Guarded by this: answers waiting for the client to take them. */
  private final ArrayDeque<ModelStreamInferResponse> unsent = new ArrayDeque<>();
  /** Guarded by this: requests asked for and not yet answered on the wire. */
  private int requested;
  /** Guarded by this: requests received and not yet answered on the wire. */
  private int unanswered;
  /** Guarded by this: the most requests in flight. */
  private int window;
  /** Guarded by this: the client half-closed; complete once the last answer is out. */
  private boolean clientDone;
  /** Guarded by this: completed, or cancelled by the client. */
  private boolean ended;

  StreamInferCall(InferHandler handler, StreamObserver<ModelStreamInferResponse> responses, StreamWindow sizing,
      OpenStreams streams) {
    this.handler = handler;
    this.streams = streams;
    this.responses = (ServerCallStreamObserver<ModelStreamInferResponse>) responses;
    this.call = Context.current();
    this.sizing = sizing;
    this.responses.disableAutoRequest();
    this.responses.setOnReadyHandler(this::sendWaiting);
    this.responses.setOnCancelHandler(this::cancelled);
  }

  /** Asks for the first window of requests; call once the observer is returned to gRPC. */
  synchronized StreamInferCall start() {
    window = sizing.initial();
    topUp();
    return this;
  }

  @Override
  public void onNext(ModelInferRequest request) {
    synchronized (this) {
      unanswered++;
      int grown = sizing.after(request.getModelName(), window);
      if (grown != window) {
        window = grown;
        topUp();
      }
    }
    answer(request).thenAccept(this::deliver);
  }

  @Override
  public void onError(Throwable t) {
    // The client went away; onCancel follows, and the requests in flight are cancelled through the Context.
  }

  @Override
  public synchronized void onCompleted() {
    clientDone = true;
    completeIfDone();
  }

  /** The server is shutting down: pulls no more, ends now if idle, else once the answers in flight are out. */
  synchronized void drain() {
    clientDone = true;
    completeIfDone();
  }

  /** The handler ties the request to the stream's context only until it is answered. */
  private CompletableFuture<ModelStreamInferResponse> answer(ModelInferRequest request) {
    CompletableFuture<ModelInferResponse> inferred;
    try {
      inferred = handler.infer(request, call);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(error(request, e));
    }
    return inferred.handle((response, failure) -> failure == null
        ? ModelStreamInferResponse.newBuilder().setInferResponse(response).build()
        : error(request, failure));
  }

  /** The answer to a failed request, in the form the .proto defines: {@code "<CODE>: <description>"}. */
  static ModelStreamInferResponse error(ModelInferRequest request, Throwable failure) {
    Status status = StatusMapper.toStatus(failure);
    return ModelStreamInferResponse.newBuilder()
        .setErrorMessage(status.getCode() + ": " + status.getDescription())
        .setInferResponse(ModelInferResponse.newBuilder()
            .setModelName(request.getModelName())
            .setModelVersion(request.getModelVersion())
            .setId(request.getId()))
        .build();
  }

  private synchronized void deliver(ModelStreamInferResponse response) {
    if (ended) {
      return;
    }
    if (unsent.isEmpty() && responses.isReady()) {
      send(response);
      completeIfDone();
    } else {
      unsent.add(response);
    }
  }

  private synchronized void sendWaiting() {
    while (!ended && !unsent.isEmpty() && responses.isReady()) {
      send(unsent.poll());
    }
    completeIfDone();
  }

  /** Hands one answer to the transport, and so makes room for one more request. */
  private void send(ModelStreamInferResponse response) {
    responses.onNext(response);
    unanswered--;
    requested--;
    topUp();
  }

  private void topUp() {
    int more = window - requested;
    if (more > 0 && !clientDone && !ended) {
      requested += more;
      responses.request(more);
    }
  }

  private void completeIfDone() {
    if (clientDone && !ended && unanswered == 0) {
      ended = true;
      streams.closed(this);
      responses.onCompleted();
    }
  }

  private synchronized void cancelled() {
    ended = true;
    unsent.clear();
    streams.closed(this);
  }
}
