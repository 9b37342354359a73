package dev.convoy.loadtest.testing;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelMetadataResponse.TensorMetadata;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.ModelReadyResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.proto.inference.ServerLiveRequest;
import dev.convoy.proto.inference.ServerLiveResponse;
import dev.convoy.proto.inference.ServerReadyRequest;
import dev.convoy.proto.inference.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the inference server: ModelInfer echoes its inputs as outputs and fails every
 * {@code failEvery}-th call with {@code failStatus}; ModelMetadata knows one model shaped like
 * the sample digits MLP (input {@code input} FP32 [-1,64], output {@code probabilities} FP32
 * [-1,10]).
 */
public final class FakeInferenceService
    extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

  public static final String MODEL = "digits_mlp";
  public static final String FAILURE_DESCRIPTION = "injected failure";

  /** Keeps the first requests only, so long runs do not hold every request. */
  private static final int KEPT_REQUESTS = 64;

  private final long failEvery;
  private final Status failStatus;
  private final AtomicLong inferCalls = new AtomicLong();
  private final AtomicLong otherCalls = new AtomicLong();
  private final Queue<ModelInferRequest> received = new ConcurrentLinkedQueue<>();

  /** @param failEvery fail every n-th ModelInfer call; 0 never fails */
  public FakeInferenceService(long failEvery, Status failStatus) {
    this.failEvery = failEvery;
    this.failStatus = failStatus;
  }

  public static FakeInferenceService alwaysOk() {
    return new FakeInferenceService(0, Status.OK);
  }

  public static ModelMetadataResponse digitsMetadata() {
    return ModelMetadataResponse.newBuilder()
        .setName(MODEL)
        .addVersions("1")
        .setPlatform("onnxruntime_onnx")
        .addInputs(TensorMetadata.newBuilder().setName("input").setDatatype("FP32")
            .addShape(-1).addShape(64))
        .addOutputs(TensorMetadata.newBuilder().setName("probabilities").setDatatype("FP32")
            .addShape(-1).addShape(10))
        .build();
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
    long n = inferCalls.incrementAndGet();
    if (received.size() < KEPT_REQUESTS) {
      received.add(request);
    }
    if (failEvery > 0 && n % failEvery == 0) {
      reply.onError(failStatus.withDescription(FAILURE_DESCRIPTION).asRuntimeException());
      return;
    }
    ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
        .setModelName(request.getModelName())
        .setModelVersion("1")
        .setId(request.getId())
        .addAllRawOutputContents(request.getRawInputContentsList());
    for (ModelInferRequest.InferInputTensor input : request.getInputsList()) {
      response.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
          .setName(input.getName()).setDatatype(input.getDatatype())
          .addAllShape(input.getShapeList()));
    }
    reply.onNext(response.build());
    reply.onCompleted();
  }

  /**
   * Answers each message as ModelInfer would, right away; a failure is an answer with its
   * description in {@code error_message} and the request's id, and the stream goes on.
   */
  @Override
  public StreamObserver<ModelInferRequest> modelStreamInfer(
      StreamObserver<ModelStreamInferResponse> replies) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ModelInferRequest request) {
        modelInfer(request, new StreamObserver<>() {
          @Override
          public void onNext(ModelInferResponse response) {
            reply(ModelStreamInferResponse.newBuilder().setInferResponse(response).build());
          }

          @Override
          public void onError(Throwable failure) {
            reply(ModelStreamInferResponse.newBuilder()
                .setErrorMessage(Status.fromThrowable(failure).getDescription())
                .setInferResponse(ModelInferResponse.newBuilder().setId(request.getId()))
                .build());
          }

          @Override
          public void onCompleted() {}
        });
      }

      private void reply(ModelStreamInferResponse response) {
        synchronized (replies) {
          replies.onNext(response);
        }
      }

      @Override
      public void onError(Throwable failure) {}

      @Override
      public void onCompleted() {
        synchronized (replies) {
          replies.onCompleted();
        }
      }
    };
  }

  @Override
  public void modelMetadata(
      ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> reply) {
    otherCalls.incrementAndGet();
    if (!MODEL.equals(request.getName())) {
      reply.onError(Status.NOT_FOUND
          .withDescription("unknown model '" + request.getName() + "'").asRuntimeException());
      return;
    }
    reply.onNext(digitsMetadata());
    reply.onCompleted();
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> reply) {
    otherCalls.incrementAndGet();
    reply.onNext(ModelReadyResponse.newBuilder().setReady(MODEL.equals(request.getName())).build());
    reply.onCompleted();
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> reply) {
    otherCalls.incrementAndGet();
    reply.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
    reply.onCompleted();
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> reply) {
    otherCalls.incrementAndGet();
    reply.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
    reply.onCompleted();
  }

  public long inferCalls() {
    return inferCalls.get();
  }

  public long otherCalls() {
    return otherCalls.get();
  }

  /** The first ModelInfer requests received, in arrival order. */
  public List<ModelInferRequest> received() {
    return List.copyOf(received);
  }
}
