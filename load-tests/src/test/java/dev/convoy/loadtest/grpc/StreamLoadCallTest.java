package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamLoadCallTest {

  private static final List<ModelInferRequest> REQUESTS = List.of(
      ModelInferRequest.newBuilder().setModelName("m").setId("ignored").build(),
      ModelInferRequest.newBuilder().setModelName("m").build());

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws InterruptedException {
    timer.shutdownNow();
    if (server != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void run_windowedStream_windowInFlightAnswersOutOfOrderMatchedById() throws Exception {
    // Answers only once 8 messages wait, newest first: a client that waited for each answer
    // (or matched answers by order) would hang or mismatch.
    HoldingStreams service = new HoldingStreams(8, 0);
    start(service);
    StreamShape shape = StreamShape.windowed(1, 8);

    LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (StreamLoadCall call = new StreamLoadCall(List.of(channel), REQUESTS, shape,
          new Metadata(), timer, System::nanoTime)) {
        return new LoadRunner(LoadClock.system())
            .run(LoadOptions.closedLoop(shape.concurrency(), 800), call);
      }
    });

    assertThat(result.count()).isEqualTo(800);
    assertThat(result.okCount()).isEqualTo(800);
    assertThat(result.latency().getTotalCount()).isEqualTo(800);
    assertThat(service.streamsOpened).hasValue(1);
    assertThat(service.ids).hasSize(800);
  }

  @Test
  void run_streamCallCount_newStreamAfterEachCountAndErrorsPerMessage() throws Exception {
    HoldingStreams service = new HoldingStreams(1, 5);
    start(service);
    StreamShape shape = new StreamShape(2, 1, 10, Duration.ZERO, Duration.ZERO);

    LoadResult result;
    try (StreamLoadCall call = new StreamLoadCall(List.of(channel), REQUESTS, shape,
        new Metadata(), timer, System::nanoTime)) {
      result = new LoadRunner(LoadClock.system()).run(LoadOptions.closedLoop(2, 100), call);
    }

    assertThat(result.count()).isEqualTo(100);
    // Every 5th answer on a stream carries an error message; the stream goes on.
    assertThat(result.okCount()).isEqualTo(80);
    assertThat(result.errorCounts()).containsOnlyKeys("stream answer error: injected");
    assertThat(service.streamsOpened).hasValue(10);
  }

  private void start(io.grpc.BindableService service) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /**
   * Answers a stream's messages once {@code hold} of them wait, the newest first, with its id;
   * every {@code failEvery}-th answer of a stream carries an error message instead.
   */
  private static final class HoldingStreams
      extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final int hold;
    private final int failEvery;
    final AtomicInteger streamsOpened = new AtomicInteger();
    final Set<String> ids = ConcurrentHashMap.newKeySet();

    HoldingStreams(int hold, int failEvery) {
      this.hold = hold;
      this.failEvery = failEvery;
    }

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(
        StreamObserver<ModelStreamInferResponse> replies) {
      streamsOpened.incrementAndGet();
      return new StreamObserver<>() {
        private final List<String> waiting = new ArrayList<>();
        private int answered;

        @Override
        public synchronized void onNext(ModelInferRequest request) {
          ids.add(request.getId());
          waiting.add(request.getId());
          if (waiting.size() >= hold) {
            flush();
          }
        }

        @Override
        public synchronized void onError(Throwable t) {}

        @Override
        public synchronized void onCompleted() {
          flush();
          replies.onCompleted();
        }

        private void flush() {
          // Answering may bring the next messages in on this thread: take these out first.
          List<String> answering = new ArrayList<>(waiting);
          waiting.clear();
          Collections.reverse(answering);
          for (String id : answering) {
            answered++;
            ModelStreamInferResponse.Builder reply = ModelStreamInferResponse.newBuilder()
                .setInferResponse(ModelInferResponse.newBuilder().setId(id));
            if (failEvery > 0 && answered % failEvery == 0) {
              reply.setErrorMessage("injected");
            }
            replies.onNext(reply.build());
          }
        }
      };
    }
  }
}
