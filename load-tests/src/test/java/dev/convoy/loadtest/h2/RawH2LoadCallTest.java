package dev.convoy.loadtest.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The raw engine against a real grpc-java server on a loopback ephemeral port. */
class RawH2LoadCallTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Metadata.Key<String> RUN =
      Metadata.Key.of("x-run", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<byte[]> TOKEN =
      Metadata.Key.of("x-token-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private final Queue<Metadata> seenHeaders = new ConcurrentLinkedQueue<>();
  private final Queue<Long> seenDeadlineMillis = new ConcurrentLinkedQueue<>();
  private Server server;
  private RawH2Connections connections;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (connections != null) {
      connections.close();
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void start_okAndNotFound_countedWithTheServersCodeAndMessage() throws Exception {
    start(new Answering(), UnaryOperator.identity());
    List<ModelInferRequest> requests = List.of(request("m"), request("m"), request("m"),
        request("missing"));

    LoadResult result = run(requests, 4, 40, TIMEOUT, new Metadata());

    assertThat(result.statusCounts()).containsEntry("OK", 30L).containsEntry("NotFound", 10L);
    assertThat(result.errorCounts()).containsOnlyKeys(
        "rpc error: code = NotFound desc = unknown model 'missing' (100% sure)");
  }

  @Test
  void start_concurrencyBound_serverSeesExactlyThatManyCallsAtOnce() throws Exception {
    // Answers only once 8 calls wait: fewer in flight would stall (until the deadline), more
    // would show in the peak.
    HoldUntil held = new HoldUntil(8);
    start(held, UnaryOperator.identity());

    LoadResult result = run(List.of(request("m")), 8, 400, TIMEOUT, new Metadata());

    assertThat(result.statusCounts()).containsOnly(java.util.Map.entry("OK", 400L));
    assertThat(held.peak.get()).isEqualTo(8);
  }

  @Test
  void start_moreCallsThanMaxConcurrentStreams_allComplete() throws Exception {
    HoldUntil held = new HoldUntil(1);
    start(held, builder -> builder.maxConcurrentCallsPerConnection(2));

    LoadResult result = run(List.of(request("m")), 16, 300, TIMEOUT, new Metadata());

    assertThat(result.statusCounts()).containsOnly(java.util.Map.entry("OK", 300L));
    assertThat(held.peak.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void start_timeoutAndMetadata_reachTheServer() throws Exception {
    start(new Answering(), UnaryOperator.identity());
    Metadata metadata = new Metadata();
    metadata.put(RUN, "r1");
    metadata.put(TOKEN, new byte[] {1, 2, (byte) 0xff});

    LoadResult result = run(List.of(request("m")), 2, 10, Duration.ofSeconds(7), metadata);

    assertThat(result.statusCounts()).containsOnly(java.util.Map.entry("OK", 10L));
    assertThat(seenDeadlineMillis).hasSize(10).allSatisfy(
        millis -> assertThat(millis).isBetween(1L, 7_000L));
    assertThat(seenHeaders).allSatisfy(headers -> {
      assertThat(headers.get(RUN)).isEqualTo("r1");
      assertThat(headers.get(TOKEN)).containsExactly(1, 2, 0xff);
    });
  }

  @Test
  void start_serverStopsAnswering_clientDeadlineEndsTheCall() throws Exception {
    start(new HoldUntil(Integer.MAX_VALUE), UnaryOperator.identity());

    LoadResult result = run(List.of(request("m")), 2, 2, Duration.ofMillis(300), new Metadata());

    assertThat(result.statusCounts()).containsOnly(java.util.Map.entry("DeadlineExceeded", 2L));
  }

  private LoadResult run(List<ModelInferRequest> requests, int concurrency, long total,
      Duration timeout, Metadata metadata) throws Exception {
    connections = RawH2Connections.open(ChannelSettings.plaintext("127.0.0.1", server.getPort()));
    RawH2LoadCall call = new RawH2LoadCall(connections, InferenceMethods.resolve("ModelInfer"),
        requests, timeout, metadata);
    return new LoadRunner(LoadClock.system())
        .run(LoadOptions.closedLoop(concurrency, total), call);
  }

  private static ModelInferRequest request(String model) {
    return ModelInferRequest.newBuilder().setModelName(model).build();
  }

  private void start(GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase service,
      UnaryOperator<NettyServerBuilder> options) throws Exception {
    ServerInterceptor record = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        seenHeaders.add(headers);
        if (Context.current().getDeadline() != null) {
          seenDeadlineMillis.add(
              Context.current().getDeadline().timeRemaining(TimeUnit.MILLISECONDS));
        }
        return next.startCall(call, headers);
      }
    };
    server = options.apply(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
        .addService(ServerInterceptors.intercept(service, record))
        .build()
        .start();
  }

  /** OK for any model but "missing", which is NOT_FOUND with a message to percent-encode. */
  private static final class Answering
      extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
      if (request.getModelName().equals("missing")) {
        reply.onError(Status.NOT_FOUND.withDescription("unknown model 'missing' (100% sure)")
            .asRuntimeException());
        return;
      }
      reply.onNext(ModelInferResponse.newBuilder().setModelName(request.getModelName()).build());
      reply.onCompleted();
    }
  }

  /** Holds calls until {@code batch} wait, then answers them all; records the peak held. */
  private static final class HoldUntil
      extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final int batch;
    private final List<StreamObserver<ModelInferResponse>> waiting = new ArrayList<>();
    final AtomicInteger peak = new AtomicInteger();

    HoldUntil(int batch) {
      this.batch = batch;
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
      List<StreamObserver<ModelInferResponse>> ready;
      synchronized (waiting) {
        waiting.add(reply);
        peak.accumulateAndGet(waiting.size(), Math::max);
        if (waiting.size() < batch) {
          return;
        }
        ready = new ArrayList<>(waiting);
        waiting.clear();
      }
      for (StreamObserver<ModelInferResponse> r : ready) {
        r.onNext(ModelInferResponse.getDefaultInstance());
        r.onCompleted();
      }
    }
  }
}
