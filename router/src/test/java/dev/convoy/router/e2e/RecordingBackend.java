package dev.convoy.router.e2e;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only backend that speaks just enough of the inference protocol for the router to use
 * it (health SERVING, a repository index with its models READY at version 1) and records what
 * reaches it: each ModelInfer's deadline and metadata, and cancellations. It answers, holds
 * or fails ModelInfer calls as told.
 */
final class RecordingBackend implements AutoCloseable {
  static final Metadata.Key<String> SERVED_BY = Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TRAILER = Metadata.Key.of("x-trailer", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Metadata> HEADERS = Context.key("headers");

  /** What ModelInfer does. */
  enum Mode { ANSWER, DELAY, HOLD, FAIL }

  /** One ModelInfer as the backend saw it. */
  record Received(String model, String id, Deadline deadline, Metadata headers) {}

  private final String name;
  private final List<String> models;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
  private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inferCalls = new AtomicInteger();
  private final List<String> unready = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Metadata> indexHeaders = new LinkedBlockingQueue<>();
  private volatile Mode mode = Mode.ANSWER;
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
  private volatile Status failure = Status.UNAVAILABLE;
  private volatile Duration delay = Duration.ZERO;

  RecordingBackend(String name, String... models) {
    this.name = name;
    this.models = List.of(models);
    health.setStatus("", ServingStatus.SERVING);
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new Service(), new Recorder()))
        .addService(health.getHealthService())
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  String address() {
    return "127.0.0.1:" + port();
  }

  /** Lists {@code model} in the repository index as UNAVAILABLE, with no version. */
  void listUnready(String model) {
    unready.add(model);
  }

  /** The headers of the RepositoryIndex calls received (the router's probes), oldest first. */
  List<Metadata> indexHeaders() {
    return List.copyOf(indexHeaders);
  }

  void answer() {
    mode = Mode.ANSWER;
  }

  /** What its health service says overall. */
  void serving(boolean serving) {
    health.setStatus("", serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  /** Answers each ModelInfer after {@code latency}, without using a thread meanwhile: a latency independent of load. */
  void answerAfter(Duration latency) {
    delay = latency;
    mode = Mode.DELAY;
  }

  void hold() {
    mode = Mode.HOLD;
  }

  void fail(Status status) {
    failure = status;
    mode = Mode.FAIL;
  }

  int inferCalls() {
    return inferCalls.get();
  }

  /** The next ModelInfer (or stream request) that reached the backend, waiting up to 10 s. */
  Received nextReceived() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError(name + ": no call arrived within 10 s");
    }
    return next;
  }

  /** The id of the next call whose cancellation reached the backend, waiting up to 10 s. */
  String nextCancelled() throws InterruptedException {
    String next = cancelled.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError(name + ": no cancellation arrived within 10 s");
    }
    return next;
  }

  /** Forgets what was recorded so far. */
  void clearRecords() {
    received.clear();
    cancelled.clear();
  }

  /** Answers every held call. */
  void releaseHeld() {
    for (Runnable release = held.poll(); release != null; release = held.poll()) {
      release.run();
    }
  }

  @Override
  public void close() throws InterruptedException {
    health.enterTerminalState();
    delays.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ModelInferResponse response(ModelInferRequest request) {
    return ModelInferResponse.newBuilder().setModelName(request.getModelName()).setModelVersion("1")
        .setId(request.getId()).build();
  }

  private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    @Override
    public void repositoryIndex(RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> responses) {
      RepositoryIndexResponse.Builder index = RepositoryIndexResponse.newBuilder();
      indexHeaders.add(HEADERS.get());
      models.forEach(m -> index.addModelsBuilder().setName(m).setVersion("1").setState("READY"));
      unready.forEach(m -> index.addModelsBuilder().setName(m).setState("UNAVAILABLE").setReason("not loaded"));
      responses.onNext(index.build());
      responses.onCompleted();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> responses) {
      inferCalls.incrementAndGet();
      Context context = Context.current();
      received.add(new Received(request.getModelName(), request.getId(), context.getDeadline(), HEADERS.get()));
      ((ServerCallStreamObserver<ModelInferResponse>) responses)
          .setOnCancelHandler(() -> cancelled.add(request.getId()));
      switch (mode) {
        case ANSWER -> {
          responses.onNext(response(request));
          responses.onCompleted();
        }
        case DELAY -> delays.schedule(() -> {
          responses.onNext(response(request));
          responses.onCompleted();
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        case HOLD -> held.add(() -> {
          responses.onNext(response(request));
          responses.onCompleted();
        });
        case FAIL -> responses.onError(failure.asRuntimeException());
      }
    }

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
      ServerCallStreamObserver<ModelStreamInferResponse> observer =
          (ServerCallStreamObserver<ModelStreamInferResponse>) responses;
      observer.setOnCancelHandler(() -> cancelled.add("stream"));
      Deadline deadline = Context.current().getDeadline();
      Metadata headers = HEADERS.get();
      return new StreamObserver<>() {
        @Override
        public void onNext(ModelInferRequest request) {
          received.add(new Received(request.getModelName(), request.getId(), deadline, headers));
          if (mode != Mode.HOLD) {
            responses.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(response(request)).build());
          }
        }

        @Override
        public void onError(Throwable t) { }

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }
  }

  /** Records request headers and adds a response header and trailer naming this backend. */
  private final class Recorder implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      ServerCall<Q, R> tagged = new SimpleForwardingServerCall<>(call) {
        @Override
        public void sendHeaders(Metadata responseHeaders) {
          responseHeaders.put(SERVED_BY, name);
          super.sendHeaders(responseHeaders);
        }

        @Override
        public void close(Status status, Metadata trailers) {
          trailers.put(TRAILER, name);
          super.close(status, trailers);
        }
      };
      return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), tagged, headers, next);
    }
  }
}
