package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.GrpcSpans;
import dev.convoy.telemetry.testing.SpanCapture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traced client -> server over loopback, every span kept in memory: one trace per request from
 * the client's span down to the model run, and one batch span per execution linked to every
 * request it carries.
 */
class TracingEndToEndTest {
  private static final String MODEL_INFER = "inference.GRPCInferenceService/ModelInfer";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int SHARED = 4;

  @TempDir Path repository;
  private final SpanCapture capture = new SpanCapture();
  private TracedStack stack;

  @BeforeEach
  void models() throws IOException {
    SampleModels.copy(repository, "digits_mlp");
    SampleModels.copyTree(repository.resolve("digits_mlp"), repository.resolve("digits_shared"));
    Path config = repository.resolve("digits_shared/config.pbtxt");
    // A batch leaves only when four requests are queued (or after a minute): they share it.
    Files.writeString(config, Files.readString(config)
        .replace("name: \"digits_mlp\"", "name: \"digits_shared\"")
        .replace("max_batch_size: 128", """
            max_batch_size: %d
            dynamic_batching { max_queue_delay_microseconds: 60000000 preferred_batch_size: [ %d ] }"""
            .formatted(SHARED, SHARED)));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (stack != null) {
      stack.close();
    }
    capture.close();
  }

  @Test
  void infer_oneRequest_oneTraceFromTheClientSpanDownToTheModelRun() throws Exception {
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), capture.openTelemetry());

    stack.stub().modelInfer(TracedStack.digits("digits_mlp", "r-1"));

    List<SpanData> spans = awaitBothEnds();
    SpanData client = one(spans, MODEL_INFER, SpanKind.CLIENT);
    SpanData server = one(spans, MODEL_INFER, SpanKind.SERVER);
    SpanData infer = one(spans, InferenceTracing.INFER, SpanKind.INTERNAL);
    SpanData queue = one(spans, InferenceTracing.QUEUE, SpanKind.INTERNAL);
    SpanData batch = one(spans, InferenceTracing.BATCH, SpanKind.INTERNAL);
    SpanData compute = one(spans, InferenceTracing.COMPUTE, SpanKind.INTERNAL);

    assertThat(spans).extracting(SpanData::getTraceId).containsOnly(client.getTraceId());
    assertThat(client.getParentSpanContext().isValid()).isFalse();
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(infer.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(queue.getParentSpanId()).isEqualTo(infer.getSpanId());
    assertThat(batch.getParentSpanId()).isEqualTo(infer.getSpanId());
    assertThat(compute.getParentSpanId()).isEqualTo(batch.getSpanId());

    assertThat(linkedIds(batch)).containsExactly(infer.getSpanId());
    assertThat(linkedIds(queue)).containsExactly(batch.getSpanId());
    assertThat(linkedIds(infer)).containsExactly(batch.getSpanId());

    assertThat(infer.getAttributes().get(SpanAttributes.MODEL)).isEqualTo("digits_mlp");
    assertThat(infer.getAttributes().get(SpanAttributes.VERSION)).isEqualTo(1L);
    assertThat(infer.getAttributes().get(SpanAttributes.REQUEST_ID)).isEqualTo("r-1");
    assertThat(infer.getAttributes().get(SpanAttributes.ROWS)).isEqualTo(1L);
    assertThat(infer.getAttributes().get(SpanAttributes.BATCH_SIZE)).isEqualTo(1L);
    assertThat(infer.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo(0L);
    assertThat(infer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(compute.getAttributes().get(SpanAttributes.MODEL)).isEqualTo("digits_mlp");
    assertThat(compute.getAttributes().get(SpanAttributes.VERSION)).isEqualTo(1L);
    assertThat(compute.getAttributes().get(SpanAttributes.INSTANCE)).isEqualTo(0L);
    assertThat(compute.getAttributes().get(SpanAttributes.DEVICE)).isEqualTo("cpu");
    assertThat(compute.getAttributes().get(SpanAttributes.BATCH_SIZE)).isEqualTo(1L);
    assertThat(batch.getAttributes().get(SpanAttributes.BATCH_REQUESTS)).isEqualTo(1L);

    // The queue wait runs from enqueue to dispatch, where the batch begins; all within the request.
    assertThat(queue.getStartEpochNanos()).isGreaterThanOrEqualTo(infer.getStartEpochNanos());
    assertThat(queue.getEndEpochNanos()).isEqualTo(batch.getStartEpochNanos());
    assertThat(compute.getStartEpochNanos()).isGreaterThanOrEqualTo(batch.getStartEpochNanos());
    assertThat(compute.getEndEpochNanos()).isLessThanOrEqualTo(batch.getEndEpochNanos());
    assertThat(batch.getEndEpochNanos()).isLessThanOrEqualTo(infer.getEndEpochNanos());
  }

  @Test
  void infer_concurrentRequestsSharingABatch_oneBatchSpanLinkedToEachRequest() throws Exception {
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), capture.openTelemetry());

    List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();
    for (int i = 0; i < SHARED; i++) {
      calls.add(stack.futureStub().modelInfer(TracedStack.digits("digits_shared", "r-" + i)));
    }
    for (ListenableFuture<ModelInferResponse> call : calls) {
      call.get(30, TimeUnit.SECONDS);
    }

    List<SpanData> spans = capture.awaitCount(MODEL_INFER, 2 * SHARED, WAIT);
    List<SpanData> infers = named(spans, InferenceTracing.INFER);
    SpanData batch = one(spans, InferenceTracing.BATCH, SpanKind.INTERNAL);
    SpanData compute = one(spans, InferenceTracing.COMPUTE, SpanKind.INTERNAL);
    List<SpanData> queues = named(spans, InferenceTracing.QUEUE);

    assertThat(infers).hasSize(SHARED);
    assertThat(infers).extracting(SpanData::getTraceId).as("one trace per request").doesNotHaveDuplicates();
    assertThat(linked(batch)).as("the batch links every request it carries")
        .containsExactlyInAnyOrderElementsOf(infers.stream().map(SpanData::getSpanContext).toList());
    assertThat(infers).extracting(SpanData::getSpanId).contains(batch.getParentSpanId());
    assertThat(batch.getAttributes().get(SpanAttributes.BATCH_SIZE)).isEqualTo((long) SHARED);
    assertThat(batch.getAttributes().get(SpanAttributes.BATCH_REQUESTS)).isEqualTo((long) SHARED);
    assertThat(compute.getParentSpanId()).isEqualTo(batch.getSpanId());
    assertThat(compute.getAttributes().get(SpanAttributes.BATCH_SIZE)).isEqualTo((long) SHARED);

    Set<String> inferIds = infers.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    assertThat(queues).hasSize(SHARED).allSatisfy(queue -> {
      assertThat(inferIds).contains(queue.getParentSpanId());
      assertThat(linkedIds(queue)).containsExactly(batch.getSpanId());
      assertThat(queue.getEndEpochNanos()).isEqualTo(batch.getStartEpochNanos());
    });
    assertThat(infers).allSatisfy(infer -> {
      assertThat(linkedIds(infer)).containsExactly(batch.getSpanId());
      assertThat(infer.getAttributes().get(SpanAttributes.BATCH_SIZE)).isEqualTo((long) SHARED);
    });
  }

  @Test
  void infer_invalidInput_requestSpanCarriesTheStatus() throws Exception {
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), capture.openTelemetry());
    ModelInferRequest wrongType = TracedStack.digits("digits_mlp", "bad").toBuilder()
        .setInputs(0, TracedStack.digits("digits_mlp", "bad").getInputs(0).toBuilder().setDatatype("INT32")).build();

    assertThatThrownBy(() -> stack.stub().modelInfer(wrongType))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

    List<SpanData> spans = awaitBothEnds();
    SpanData infer = one(spans, InferenceTracing.INFER, SpanKind.INTERNAL);
    assertThat(infer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(infer.getStatus().getDescription()).startsWith("INVALID_ARGUMENT: ").contains("input");
    assertThat(infer.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo((long) Status.Code.INVALID_ARGUMENT.value());
    assertThat(named(spans, InferenceTracing.BATCH)).isEmpty();
    assertThat(one(spans, MODEL_INFER, SpanKind.CLIENT).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void infer_unknownModel_requestSpanIsNotFound() throws Exception {
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), capture.openTelemetry());

    assertThatThrownBy(() -> stack.stub().modelInfer(TracedStack.digits("no_such_model", "x")))
        .isInstanceOf(StatusRuntimeException.class);

    List<SpanData> spans = awaitBothEnds();
    SpanData infer = one(spans, InferenceTracing.INFER, SpanKind.INTERNAL);
    assertThat(infer.getAttributes().get(SpanAttributes.MODEL)).isEqualTo("no_such_model");
    assertThat(infer.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo((long) Status.Code.NOT_FOUND.value());
    assertThat(infer.getParentSpanId()).isEqualTo(one(spans, MODEL_INFER, SpanKind.SERVER).getSpanId());
  }

  @Test
  void infer_runtimeFails_errorOnComputeBatchAndRequestSpans() throws Exception {
    FailingBackend backend = new FailingBackend();
    stack = new TracedStack(repository, backend, capture.openTelemetry());
    backend.fail();

    assertThatThrownBy(() -> stack.stub().modelInfer(TracedStack.digits("digits_mlp", "doomed")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));

    List<SpanData> spans = awaitBothEnds();
    SpanData compute = one(spans, InferenceTracing.COMPUTE, SpanKind.INTERNAL);
    SpanData batch = one(spans, InferenceTracing.BATCH, SpanKind.INTERNAL);
    SpanData infer = one(spans, InferenceTracing.INFER, SpanKind.INTERNAL);
    assertThat(compute.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(compute.getStatus().getDescription()).isEqualTo(FailingBackend.FAILURE);
    assertThat(compute.getEvents()).extracting(e -> e.getName()).contains("exception");
    assertThat(batch.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(infer.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo((long) Status.Code.INTERNAL.value());
    assertThat(infer.getStatus().getDescription()).contains(FailingBackend.FAILURE);
  }

  /** The spans once the call's CLIENT and SERVER spans ended (each may end after the stub returns). */
  private List<SpanData> awaitBothEnds() throws InterruptedException {
    return capture.await(s -> has(s, MODEL_INFER, SpanKind.CLIENT) && has(s, MODEL_INFER, SpanKind.SERVER), WAIT);
  }

  private static boolean has(List<SpanData> spans, String name, SpanKind kind) {
    return spans.stream().anyMatch(s -> s.getName().equals(name) && s.getKind() == kind);
  }

  private static SpanData one(List<SpanData> spans, String name, SpanKind kind) {
    List<SpanData> matching = spans.stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).toList();
    assertThat(matching).as("%s %s spans", kind, name).hasSize(1);
    return matching.get(0);
  }

  private static List<SpanData> named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).toList();
  }

  private static List<SpanContext> linked(SpanData span) {
    return span.getLinks().stream().map(LinkData::getSpanContext).toList();
  }

  private static List<String> linkedIds(SpanData span) {
    return linked(span).stream().map(SpanContext::getSpanId).toList();
  }
}
