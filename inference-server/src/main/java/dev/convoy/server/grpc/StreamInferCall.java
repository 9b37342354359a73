package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One ModelStreamInfer stream. Requests are pulled one at a time (manual flow control) and
 * only while the client can take responses, so a slow reader never makes the server buffer.
 * Responses keep request order; a failed request answers with {@code error_message} and the
 * stream carries on.
 */
final class StreamInferCall implements StreamObserver<ModelInferRequest> {
  private final InferHandler handler;
  private final ServerCallStreamObserver<ModelStreamInferResponse> responses;
  private final Context call;
  /** Whether a request(1) is outstanding; touched only on the call's serialised callbacks. */
  private boolean awaitingRequest;

  StreamInferCall(InferHandler handler, StreamObserver<ModelStreamInferResponse> responses) {
    this.handler = handler;
    this.responses = (ServerCallStreamObserver<ModelStreamInferResponse>) responses;
    this.call = Context.current();
    this.responses.disableAutoRequest();
    this.responses.setOnReadyHandler(this::requestNextIfReady);
  }

  /** Asks for the first request; call once the observer is returned to gRPC. */
  StreamInferCall start() {
    requestNextIfReady();
    return this;
  }

  @Override
  public void onNext(ModelInferRequest request) {
    awaitingRequest = false;
    responses.onNext(answer(request));
    requestNextIfReady();
  }

  @Override
  public void onError(Throwable t) {
    // The client went away; nothing is queued on its behalf.
  }

  @Override
  public void onCompleted() {
    responses.onCompleted();
  }

  private ModelStreamInferResponse answer(ModelInferRequest request) {
    try {
      return ModelStreamInferResponse.newBuilder().setInferResponse(handler.infer(request, call)).build();
    } catch (RuntimeException e) {
      Status status = StatusMapper.toStatus(e);
      return ModelStreamInferResponse.newBuilder()
          .setErrorMessage(status.getCode() + ": " + status.getDescription())
          .setInferResponse(ModelInferResponse.newBuilder()
              .setModelName(request.getModelName())
              .setModelVersion(request.getModelVersion())
              .setId(request.getId()))
          .build();
    }
  }

  private void requestNextIfReady() {
    if (!awaitingRequest && responses.isReady() && !responses.isCancelled()) {
      awaitingRequest = true;
      responses.request(1);
    }
  }
}
