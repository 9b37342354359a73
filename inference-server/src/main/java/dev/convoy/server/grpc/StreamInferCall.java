package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * One ModelStreamInfer stream. Requests are pulled one at a time (manual flow control): the
 * next is requested only when the previous one is answered and the client can take more, so
 * a slow reader never makes the server buffer and responses keep request order. A failed
 * request answers with {@code error_message} and the stream carries on.
 */
final class StreamInferCall implements StreamObserver<ModelInferRequest> {
  private final InferHandler handler;
  private final ServerCallStreamObserver<ModelStreamInferResponse> responses;
  private final Context call;
  private final OpenStreams streams;
  /** Guarded by this: a request(1) is outstanding. */
  private boolean requested;
  /** Guarded by this: a request has arrived and its answer is not yet sent. */
  private boolean answering;
  /** Guarded by this: the client half-closed; complete once the last answer is out. */
  private boolean clientDone;

  /** Guarded by this: the stream is over for this side (completed, or the client went away). */
  private boolean closed;

  StreamInferCall(InferHandler handler, StreamObserver<ModelStreamInferResponse> responses, OpenStreams streams) {
    this.handler = handler;
    this.streams = streams;
    this.responses = (ServerCallStreamObserver<ModelStreamInferResponse>) responses;
    this.call = Context.current();
    this.responses.disableAutoRequest();
    this.responses.setOnReadyHandler(this::requestNextIfReady);
    this.responses.setOnCancelHandler(this::gone);
  }

  /** Asks for the first request; call once the observer is returned to gRPC. */
  StreamInferCall start() {
    requestNextIfReady();
    return this;
  }

  @Override
  public void onNext(ModelInferRequest request) {
    synchronized (this) {
      if (closed) {
        return;
      }
      requested = false;
      answering = true;
    }
    answer(request).thenAccept(response -> {
      synchronized (this) {
        if (closed) {
          return;
        }
        responses.onNext(response);
        answering = false;
        if (clientDone) {
          complete();
          return;
        }
      }
      requestNextIfReady();
    });
  }

  @Override
  public void onError(Throwable t) {
    // The client went away; its queued request, if any, is cancelled through the Context.
    gone();
  }

  @Override
  public synchronized void onCompleted() {
    clientDone = true;
    if (!answering) {
      complete();
    }
  }

  /** The server is shutting down: ends the stream now if idle, else after the answer in progress. */
  synchronized void drain() {
    clientDone = true;
    if (!answering) {
      complete();
    }
  }

  private void complete() {
    if (!closed) {
      closed = true;
      streams.closed(this);
      responses.onCompleted();
    }
  }

  private synchronized void gone() {
    closed = true;
    streams.closed(this);
  }

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

  private static ModelStreamInferResponse error(ModelInferRequest request, Throwable failure) {
    Status status = StatusMapper.toStatus(failure);
    return ModelStreamInferResponse.newBuilder()
        .setErrorMessage(status.getCode() + ": " + status.getDescription())
        .setInferResponse(ModelInferResponse.newBuilder()
            .setModelName(request.getModelName())
            .setModelVersion(request.getModelVersion())
            .setId(request.getId()))
        .build();
  }

  private synchronized void requestNextIfReady() {
    if (!requested && !answering && !clientDone && !closed && responses.isReady() && !responses.isCancelled()) {
      requested = true;
      responses.request(1);
    }
  }
}
