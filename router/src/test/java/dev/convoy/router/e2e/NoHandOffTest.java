package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.router.RouterEnvironment;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A unary call is read, routed, sent on, and its answer passed back on one of the router's
 * Netty I/O threads, with no hand-off in between: each hand-off costs a thread wake-up, which
 * was most of what the router added to a call's latency. And the thread is the one that reads
 * the client's connection, with a backend connection of its own: a client flooding one
 * connection cannot queue the calls of a client whose connection another thread reads. The
 * router's SERVER and CLIENT spans start and end on the threads that run that code, so they
 * show where each call ran.
 */
class NoHandOffTest {
  private static final String MODEL_INFER = "inference.GRPCInferenceService/ModelInfer";
  private static final int CALLS = 5;

  @Test
  void modelInfer_eachClientConnectionsCalls_runOnOneIoThreadOfTheirOwn() throws Exception {
    // Each call has a SERVER span (the call received) and a CLIENT span (the call sent on),
    // on two client connections, which the router's I/O threads take in turn.
    ThreadRecorder recorder = new ThreadRecorder();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(recorder).build())
            .build();
        RecordingBackend backend = new RecordingBackend("a", "digits_mlp");
        RouterUnderTest router = new RouterUnderTest("backend = " + backend.address() + "\n",
            RouterEnvironment.system(), sdk)) {
      ManagedChannel second = ManagedChannelBuilder.forAddress("127.0.0.1", router.router.port())
          .usePlaintext().build();
      try {
        Set<String> firstThreads = callAndCollectThreads(router.stub(), recorder);
        Set<String> secondThreads = callAndCollectThreads(
            GRPCInferenceServiceGrpc.newBlockingStub(second).withDeadlineAfter(20, TimeUnit.SECONDS), recorder);

        assertThat(recorder.threadsByCall.values()).hasSize(2 * CALLS)
            .allSatisfy(events -> assertThat(events).as("a call's span starts and ends").hasSize(4));
        assertThat(firstThreads).singleElement().asString().startsWith("convoy-router-io");
        assertThat(secondThreads).singleElement().asString().startsWith("convoy-router-io");
        assertThat(secondThreads).doesNotContainAnyElementsOf(firstThreads);
      } finally {
        second.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** The threads every span event of these calls ran on. */
  private static Set<String> callAndCollectThreads(GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub,
      ThreadRecorder recorder) throws InterruptedException {
    Set<String> before = Set.copyOf(recorder.threadsByCall.keySet());
    for (int i = 0; i < CALLS; i++) {
      stub.modelInfer(Requests.digitsMlp());
    }
    assertThat(recorder.ended.tryAcquire(2 * CALLS, 10, TimeUnit.SECONDS)).as("every span ended").isTrue();
    return recorder.threadsByCall.entrySet().stream()
        .filter(call -> !before.contains(call.getKey()))
        .flatMap(call -> call.getValue().stream())
        .collect(Collectors.toSet());
  }

  /** The threads each ModelInfer call's spans (by trace) start and end on. */
  private static final class ThreadRecorder implements SpanProcessor {
    final Map<String, List<String>> threadsByCall = new ConcurrentHashMap<>();
    /** A permit per ended span. */
    final Semaphore ended = new Semaphore(0);

    private void record(ReadableSpan span) {
      if (span.getName().equals(MODEL_INFER)) {
        threadsByCall.computeIfAbsent(span.getSpanContext().getTraceId(),
            id -> new CopyOnWriteArrayList<>()).add(Thread.currentThread().getName());
      }
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
      record(span);
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      record(span);
      if (span.getName().equals(MODEL_INFER)) {
        ended.release();
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
