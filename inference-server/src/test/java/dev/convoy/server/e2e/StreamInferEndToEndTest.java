package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.server.SampleModels;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many concurrent ModelStreamInfer streams over loopback: each answers every request once, then ends. */
class StreamInferEndToEndTest {
  private static final int STREAMS = 20;
  private static final int REQUESTS = 20;
  private static LoopbackServer loopback;

  @BeforeAll
  static void start() {
    loopback = new LoopbackServer(SampleModels.repository());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    loopback.close();
  }

  @Test
  void modelStreamInfer_clientHalfClosesAtOnce_everyStreamAnswersEachRequestOnceAndCompletes() throws Exception {
    assertEveryStreamCompletes(false);
  }

  @Test
  void modelStreamInfer_clientHalfClosesAfterLastAnswer_everyStreamCompletes() throws Exception {
    assertEveryStreamCompletes(true);
  }

  private static void assertEveryStreamCompletes(boolean closeAfterAnswers) throws Exception {
    List<CompletableFuture<List<String>>> streams = new ArrayList<>();
    for (int s = 0; s < STREAMS; s++) {
      streams.add(stream(s, closeAfterAnswers));
    }
    for (int s = 0; s < STREAMS; s++) {
      List<String> ids = streams.get(s).get(30, TimeUnit.SECONDS);
      List<String> expected = new ArrayList<>();
      for (int r = 0; r < REQUESTS; r++) {
        expected.add(s + "-" + r);
      }
      assertThat(ids).as("stream " + s).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** @param closeAfterAnswers half-close only once every answer is in, as a proxy does */
  private static CompletableFuture<List<String>> stream(int stream, boolean closeAfterAnswers) {
    List<String> ids = new CopyOnWriteArrayList<>();
    CompletableFuture<List<String>> done = new CompletableFuture<>();
    List<StreamObserver<ModelInferRequest>> self = new CopyOnWriteArrayList<>();
    StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(loopback.channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .modelStreamInfer(new StreamObserver<>() {
          @Override public void onNext(ModelStreamInferResponse response) {
            ids.add(response.getErrorMessage().isEmpty() ? response.getInferResponse().getId() : response.getErrorMessage());
            if (closeAfterAnswers && ids.size() == REQUESTS) {
              self.get(0).onCompleted();
            }
          }
          @Override public void onError(Throwable t) { done.completeExceptionally(t); }
          @Override public void onCompleted() { done.complete(ids); }
        });
    self.add(requests);
    for (int r = 0; r < REQUESTS; r++) {
      ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp").setId(stream + "-" + r);
      request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
      requests.onNext(request.addRawInputContents(ByteString.copyFrom(new byte[64 * Float.BYTES])).build());
    }
    if (!closeAfterAnswers) {
      requests.onCompleted();
    }
    return done;
  }
}
