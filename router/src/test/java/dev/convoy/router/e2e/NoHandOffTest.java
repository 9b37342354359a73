package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.RouterEnvironment;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A unary call is read, routed, sent on, and its answer passed back on the router's Netty I/O
 * threads, with no hand-off to a thread pool in between: each hand-off costs a thread wake-up,
 * which was most of what the router added to a call's latency. The router's SERVER and CLIENT
 * spans start and end on the threads that run that code, so they show where it ran.
 */
class NoHandOffTest {
  private static final String MODEL_INFER = "inference.GRPCInferenceService/ModelInfer";
  private static final int CALLS = 5;

  @Test
  void modelInfer_forwardedAndAnswered_onTheIoThreadsOnly() throws Exception {
    // Each call has a SERVER span (the call received) and a CLIENT span (the call sent on).
    ThreadRecorder recorder = new ThreadRecorder(2 * CALLS);
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(recorder).build())
            .build();
        RecordingBackend backend = new RecordingBackend("a", "digits_mlp");
        RouterUnderTest router = new RouterUnderTest("backend = " + backend.address() + "\n",
            RouterEnvironment.system(), sdk)) {
      for (int i = 0; i < CALLS; i++) {
        router.stub().modelInfer(Requests.digitsMlp());
      }

      assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).as("every span ended").isTrue();
      assertThat(recorder.threads).hasSize(4 * CALLS)
          .allSatisfy(thread -> assertThat(thread).startsWith("convoy-router-io"));
    }
  }

  /** The thread each ModelInfer span starts and ends on. */
  private static final class ThreadRecorder implements SpanProcessor {
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch ended;

    ThreadRecorder(int spans) {
      ended = new CountDownLatch(spans);
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
      if (span.getName().equals(MODEL_INFER)) {
        threads.add(Thread.currentThread().getName());
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (span.getName().equals(MODEL_INFER)) {
        threads.add(Thread.currentThread().getName());
        ended.countDown();
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
