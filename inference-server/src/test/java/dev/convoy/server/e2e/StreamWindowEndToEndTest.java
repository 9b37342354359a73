package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.server.HeldBackend;
import dev.convoy.server.SampleModels;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelStreamInfer's window: batches from one stream, completion order, back-pressure, flat memory. */
class StreamWindowEndToEndTest {
  private static final long TIMEOUT_SECONDS = 60;
  @TempDir Path repository;

  @Test
  void modelStreamInfer_oneStreamOfOneRowRequests_fillsBatches() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    Path config = repository.resolve("digits_mlp/config.pbtxt");
    Files.writeString(config, Files.readString(config).replace("max_batch_size: 128",
        "max_batch_size: 32\ndynamic_batching { max_queue_delay_microseconds: 20000 preferred_batch_size: [ 32 ] }"));
    int requests = 640;
    try (LoopbackServer loopback = new LoopbackServer(repository)) {
      Collector stream = new Collector(loopback, 0);
      for (int r = 0; r < requests; r++) {
        stream.send(ZeroDigits.request("r" + r));
      }
      stream.requests.onCompleted();
      assertThat(stream.awaitEnd()).hasSize(requests).allSatisfy(r -> assertThat(r.getErrorMessage()).isEmpty());
      ModelStatistics stats = statistics(loopback, "digits_mlp");
      assertThat(stats.getInferenceCount()).isEqualTo(requests);
      // A serial stream runs one request per execution; a window of 64 lets the batcher fill batches.
      assertThat(stats.getExecutionCount()).isLessThanOrEqualTo(requests / 4);
    }
  }

  @Test
  void modelStreamInfer_laterRequestFinishesFirst_answersInCompletionOrderWithIds() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    HeldBackend backend = new HeldBackend();
    try (LoopbackServer loopback = new LoopbackServer(repository, backend)) {
      backend.hold();
      Collector stream = new Collector(loopback, 0);
      stream.send(ZeroDigits.request("held"));
      backend.awaitEntered();
      stream.send(ModelInferRequest.newBuilder(ZeroDigits.request("ghost")).setModelName("ghost").build());
      ModelStreamInferResponse first = stream.next();
      assertThat(first.getInferResponse().getId()).isEqualTo("ghost");
      assertThat(first.getErrorMessage()).startsWith("NOT_FOUND: ").contains("'ghost'");
      backend.letThrough(1);
      ModelStreamInferResponse second = stream.next();
      assertThat(second.getInferResponse().getId()).isEqualTo("held");
      assertThat(second.getErrorMessage()).isEmpty();
      assertThat(second.getInferResponse().getOutputsCount()).isEqualTo(2);
      stream.requests.onCompleted();
      assertThat(stream.awaitEnd()).isEmpty();
    }
  }

  @Test
  void modelStreamInfer_clientStopsReading_serverStopsPullingWithinTheWindow() throws Exception {
    SampleModels.copy(repository, "half_identity");
    int window = 4;
    int sent = 40;
    ServerOptions options = ServerOptions.loopback(repository).withStreamWindow(window);
    try (LoopbackServer loopback = new LoopbackServer(options, new OnnxRuntimeBackend(System::nanoTime))) {
      Collector stream = new Collector(loopback, -1);
      for (int r = 0; r < sent; r++) {
        stream.send(halves("h" + r));
      }
      // Each answer is 512 KiB: the transports absorb a few (HTTP/2 windows), the window the rest.
      long bound = window + 8;
      long pulled = awaitAtLeast(loopback, window);
      // Nothing to wait for here: the point is that nothing more happens while the client does not read.
      Thread.sleep(500);
      pulled = served(loopback, "half_identity");
      assertThat(pulled).as("requests pulled while the client reads nothing").isBetween((long) window, bound);
      stream.readAll();
      stream.requests.onCompleted();
      List<ModelStreamInferResponse> answers = stream.awaitEnd();
      assertThat(answers).hasSize(sent).allSatisfy(r -> assertThat(r.getErrorMessage()).isEmpty());
      assertThat(answers).extracting(r -> r.getInferResponse().getId()).doesNotHaveDuplicates();
    }
  }

  @Test
  void modelStreamInfer_manyRequestsOnOneStream_heapStaysFlat() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    try (LoopbackServer loopback = new LoopbackServer(repository)) {
      Collector stream = new Collector(loopback, 0);
      stream.keepNothing();
      runThrough(stream, 2_000);
      long start = heapAfterGc();
      runThrough(stream, 20_000);
      long end = heapAfterGc();
      stream.requests.onCompleted();
      stream.awaitEnd();
      // Kept per answered request, 20,000 requests would add 20 MB per KB kept.
      assertThat(end - start).as("heap growth over 20,000 requests, bytes").isLessThan(16L << 20);
    }
  }

  /** Sends {@code count} requests, at most 256 unanswered at a time, and waits for every answer. */
  private static void runThrough(Collector stream, int count) throws InterruptedException {
    long target = stream.answered() + count;
    for (int r = 0; r < count; r++) {
      while (stream.sentCount - stream.answered() >= 256) {
        stream.awaitAnswer();
      }
      stream.send(ZeroDigits.request("m" + r));
    }
    while (stream.answered() < target) {
      stream.awaitAnswer();
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long awaitAtLeast(LoopbackServer loopback, long count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    long served;
    while ((served = served(loopback, "half_identity")) < count) {
      assertThat(System.nanoTime()).as("requests served: " + served).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return served;
  }

  private static long served(LoopbackServer loopback, String model) {
    return statistics(loopback, model).getInferenceStats().getSuccess().getCount();
  }

  private static ModelStatistics statistics(LoopbackServer loopback, String model) {
    return loopback.stub().modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build()).getModelStats(0);
  }

  /** 256 Ki half-precision zeros: a 512 KiB request and answer. */
  private static ModelInferRequest halves(String id) {
    int count = 256 << 10;
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("half_identity").setId(id);
    request.addInputsBuilder().setName("in_fp16").setDatatype("FP16").addShape(count);
    return request.addRawInputContents(ByteString.copyFrom(new byte[2 * count])).build();
  }

  /** One stream whose answers are queued for the test; it may read nothing until told to. */
  private static final class Collector {
    private final BlockingQueue<ModelStreamInferResponse> answers = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private final AtomicReference<ClientCallStreamObserver<ModelInferRequest>> call = new AtomicReference<>();
    private final StreamObserver<ModelInferRequest> requests;
    private volatile long answeredCount;
    private volatile boolean keep = true;
    private long sentCount;

    /** @param initial answers to read at first; negative: read every answer */
    Collector(LoopbackServer loopback, int initial) {
      requests = GRPCInferenceServiceGrpc.newStub(loopback.channel).withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .modelStreamInfer(new ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse>() {
            @Override public void beforeStart(ClientCallStreamObserver<ModelInferRequest> stream) {
              call.set(stream);
              if (initial < 0) {
                stream.disableAutoRequestWithInitial(0);
              }
            }
            @Override public void onNext(ModelStreamInferResponse value) {
              answeredCount++;
              if (keep) {
                answers.add(value);
              }
              synchronized (Collector.this) {
                Collector.this.notifyAll();
              }
            }
            @Override public void onError(Throwable t) { end.completeExceptionally(t); }
            @Override public void onCompleted() { end.complete(null); }
          });
    }

    void send(ModelInferRequest request) {
      sentCount++;
      requests.onNext(request);
    }

    void keepNothing() {
      keep = false;
    }

    long answered() {
      return answeredCount;
    }

    synchronized void awaitAnswer() throws InterruptedException {
      assertThat(end).isNotCompletedExceptionally();
      wait(100);
    }

    void readAll() {
      call.get().request(Integer.MAX_VALUE);
    }

    ModelStreamInferResponse next() throws InterruptedException {
      ModelStreamInferResponse next = answers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(next).as("an answer within the timeout").isNotNull();
      return next;
    }

    List<ModelStreamInferResponse> awaitEnd() throws Exception {
      end.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return List.copyOf(answers);
    }
  }
}
