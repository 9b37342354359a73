package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.router.RouterEnvironment;
import dev.convoy.router.telemetry.RouterTracing;
import dev.convoy.router.telemetry.SpanAttributes;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.GrpcSpans;
import dev.convoy.telemetry.GrpcTracing;
import dev.convoy.telemetry.testing.SpanCapture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace from the client through the router to a real inference server: client, router and
 * server share one SDK that keeps every span in memory, and talk over Netty on loopback.
 */
class TracingThroughRouterTest {
  private static final String MODEL_INFER = "inference.GRPCInferenceService/ModelInfer";
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path repository;
  private final SpanCapture capture = new SpanCapture();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    capture.close();
  }

  private RouterUnderTest router(String settings) {
    RouterUnderTest router = new RouterUnderTest(settings, RouterEnvironment.system(), capture.openTelemetry());
    closing.add(router);
    return router;
  }

  /** A stub whose calls make the client's CLIENT span. */
  private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub tracedClient(RouterUnderTest router) {
    return GRPCInferenceServiceGrpc.newBlockingStub(GrpcTracing.create(capture.openTelemetry()).traced(router.channel))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @Test
  void modelInfer_throughTheRouter_oneTraceFromTheClientDownToTheModelRun() throws Exception {
    InferenceServer server = InferenceServer.start(
        ServerOptions.loopback(Servers.repository(repository, "digits_mlp")),
        new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(), capture.openTelemetry());
    closing.add(server::close);
    String backend = "127.0.0.1:" + server.port();
    RouterUnderTest router = router("backend = " + backend + ",kind=CPU\n");
    ModelInferRequest request = Requests.digitsMlp().toBuilder().setModelVersion("1").setId("traced").build();

    tracedClient(router).modelInfer(request);

    // Four gRPC spans: client, router SERVER and CLIENT, server; each may end after the call returned.
    List<SpanData> spans = trace(capture.awaitCount(MODEL_INFER, 4, WAIT));
    SpanData client = root(spans);
    SpanData routerServer = childOf(spans, client, MODEL_INFER, SpanKind.SERVER);
    SpanData routerClient = childOf(spans, routerServer, MODEL_INFER, SpanKind.CLIENT);
    SpanData serverSpan = childOf(spans, routerClient, MODEL_INFER, SpanKind.SERVER);
    SpanData infer = childOf(spans, serverSpan, "convoy.infer", SpanKind.INTERNAL);
    SpanData queue = childOf(spans, infer, "convoy.queue", SpanKind.INTERNAL);
    SpanData batch = childOf(spans, infer, "convoy.batch", SpanKind.INTERNAL);
    SpanData compute = childOf(spans, batch, "convoy.compute", SpanKind.INTERNAL);

    assertThat(spans).as("the call's trace holds these spans and no others").hasSize(8);
    assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(linkedIds(batch)).containsExactly(infer.getSpanId());
    assertThat(linkedIds(queue)).containsExactly(batch.getSpanId());
    assertThat(compute.getAttributes().get(AttributeKey.stringKey("convoy.model"))).isEqualTo("digits_mlp");

    assertThat(client.getAttributes().get(SERVER_PORT)).as("the client called the router")
        .isEqualTo((long) router.router.port());
    assertThat(routerClient.getAttributes().get(SERVER_PORT)).as("the router called the server")
        .isEqualTo((long) server.port());
    for (SpanData hop : List.of(routerServer, routerClient)) {
      assertThat(hop.getAttributes().get(SpanAttributes.MODEL)).isEqualTo("digits_mlp");
      assertThat(hop.getAttributes().get(SpanAttributes.VERSION)).isEqualTo(1L);
      assertThat(hop.getAttributes().get(SpanAttributes.BACKEND)).isEqualTo(backend);
      assertThat(hop.getAttributes().get(SpanAttributes.BACKEND_KIND)).isEqualTo("CPU");
      assertThat(hop.getAttributes().get(SpanAttributes.ATTEMPT)).isEqualTo(1L);
      assertThat(hop.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo(0L);
      assertThat(hop.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
    assertThat(routerServer.getEvents()).isEmpty();

    // The backend call lies within the call the router received (spans timed by one clock).
    assertThat(routerClient.getStartEpochNanos()).isGreaterThanOrEqualTo(routerServer.getStartEpochNanos());
    assertThat(routerClient.getEndEpochNanos()).isLessThanOrEqualTo(routerServer.getEndEpochNanos());
  }

  @Test
  void modelInfer_firstBackendUnavailable_retryIsASecondClientSpanAndAnEvent() throws Exception {
    Status down = Status.UNAVAILABLE.withDescription("model 'digits_mlp' is not ready");
    RecordingBackend a = new RecordingBackend("a", "digits_mlp");
    RecordingBackend b = new RecordingBackend("b", "digits_mlp");
    closing.add(a);
    closing.add(b);
    a.fail(down);
    b.fail(down);
    RouterUnderTest router = router("backend = " + a.address() + "\nbackend = " + b.address() + ",kind=GPU\n");

    assertThatThrownBy(() -> tracedClient(router).modelInfer(Requests.digitsMlp()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

    List<SpanData> spans = trace(capture.awaitCount(MODEL_INFER, 4, WAIT));
    SpanData routerServer = childOf(spans, root(spans), MODEL_INFER, SpanKind.SERVER);
    List<SpanData> attempts = spans.stream()
        .filter(s -> s.getParentSpanId().equals(routerServer.getSpanId()))
        .sorted((x, y) -> Long.compare(x.getStartEpochNanos(), y.getStartEpochNanos()))
        .toList();
    assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
      assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(attempt.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo((long) Status.Code.UNAVAILABLE.value());
      assertThat(attempt.getAttributes().get(SpanAttributes.MODEL)).isEqualTo("digits_mlp");
    });
    SpanData first = attempts.get(0);
    SpanData second = attempts.get(1);
    assertThat(first.getAttributes().get(SpanAttributes.ATTEMPT)).isEqualTo(1L);
    assertThat(second.getAttributes().get(SpanAttributes.ATTEMPT)).isEqualTo(2L);
    assertThat(attempts).extracting(s -> s.getAttributes().get(SpanAttributes.BACKEND))
        .containsExactlyInAnyOrder(a.address(), b.address());
    String retried = first.getAttributes().get(SpanAttributes.BACKEND);
    String kind = retried.equals(b.address()) ? "GPU" : "CPU";
    assertThat(first.getAttributes().get(SpanAttributes.BACKEND_KIND)).isEqualTo(kind);

    EventData retry = oneEvent(routerServer, RouterTracing.RETRY);
    assertThat(retry.getAttributes().get(SpanAttributes.BACKEND)).isEqualTo(retried);
    assertThat(retry.getAttributes().get(SpanAttributes.BACKEND_KIND)).isEqualTo(kind);
    assertThat(retry.getAttributes().get(GrpcSpans.STATUS_CODE)).isEqualTo((long) Status.Code.UNAVAILABLE.value());
    assertThat(retry.getAttributes().get(SpanAttributes.STATUS)).isEqualTo("UNAVAILABLE: " + down.getDescription());
    assertThat(retry.getEpochNanos()).isBetween(first.getEndEpochNanos(), second.getStartEpochNanos());
    assertThat(routerServer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(routerServer.getAttributes().get(GrpcSpans.STATUS_CODE))
        .isEqualTo((long) Status.Code.UNAVAILABLE.value());
    assertThat(routerServer.getAttributes().get(SpanAttributes.ATTEMPT)).as("the last attempt").isEqualTo(2L);
    assertThat(routerServer.getAttributes().get(SpanAttributes.BACKEND))
        .isEqualTo(second.getAttributes().get(SpanAttributes.BACKEND));
  }

  @Test
  void modelInfer_retryBudgetSpent_refusalIsAnEventAndNoSecondAttempt() throws Exception {
    RecordingBackend a = new RecordingBackend("a", "digits_mlp");
    RecordingBackend b = new RecordingBackend("b", "digits_mlp");
    closing.add(a);
    closing.add(b);
    a.fail(Status.RESOURCE_EXHAUSTED.withDescription("queue full"));
    b.fail(Status.RESOURCE_EXHAUSTED.withDescription("queue full"));
    RouterUnderTest router = router("backend = " + a.address() + "\nbackend = " + b.address()
        + "\nretry.budget.min = 0\nretry.budget.ratio = 0\n");

    assertThatThrownBy(() -> tracedClient(router).modelInfer(Requests.digitsMlp()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));

    List<SpanData> spans = trace(capture.awaitCount(MODEL_INFER, 3, WAIT));
    SpanData routerServer = childOf(spans, root(spans), MODEL_INFER, SpanKind.SERVER);
    SpanData attempt = childOf(spans, routerServer, MODEL_INFER, SpanKind.CLIENT);
    EventData refused = oneEvent(routerServer, RouterTracing.RETRY_REFUSED);
    assertThat(refused.getAttributes().get(SpanAttributes.BACKEND))
        .isEqualTo(attempt.getAttributes().get(SpanAttributes.BACKEND));
    assertThat(refused.getAttributes().get(SpanAttributes.STATUS)).isEqualTo("RESOURCE_EXHAUSTED: queue full");
    assertThat(routerServer.getEvents()).extracting(EventData::getName).doesNotContain(RouterTracing.RETRY);
    assertThat(routerServer.getAttributes().get(GrpcSpans.STATUS_CODE))
        .isEqualTo((long) Status.Code.RESOURCE_EXHAUSTED.value());
  }

  /**
   * The spans of the one trace the client's ModelInfer started (the server also traces the
   * router's probes, each a trace of its own).
   */
  private static List<SpanData> trace(List<SpanData> spans) {
    List<SpanData> clients = spans.stream()
        .filter(s -> !s.getParentSpanContext().isValid() && s.getName().equals(MODEL_INFER))
        .toList();
    assertThat(clients).as("ModelInfer traces in %s", names(spans)).hasSize(1);
    String traceId = clients.get(0).getTraceId();
    return spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  /** The span that starts the trace: the client's. */
  private static SpanData root(List<SpanData> spans) {
    List<SpanData> roots = spans.stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
    assertThat(roots).as("root spans of %s", names(spans)).hasSize(1);
    return roots.get(0);
  }

  private static SpanData childOf(List<SpanData> spans, SpanData parent, String name, SpanKind kind) {
    List<SpanData> children = spans.stream()
        .filter(s -> s.getParentSpanId().equals(parent.getSpanId()) && s.getName().equals(name) && s.getKind() == kind)
        .toList();
    assertThat(children).as("%s %s spans under %s %s in %s", kind, name, parent.getKind(), parent.getName(),
        names(spans)).hasSize(1);
    return children.get(0);
  }

  private static EventData oneEvent(SpanData span, String name) {
    List<EventData> events = span.getEvents().stream().filter(e -> e.getName().equals(name)).toList();
    assertThat(events).as("%s events on %s", name, span.getName()).hasSize(1);
    return events.get(0);
  }

  private static List<String> linkedIds(SpanData span) {
    return span.getLinks().stream().map(LinkData::getSpanContext).map(SpanContext::getSpanId).toList();
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(s -> s.getKind() + " " + s.getName()).toList();
  }
}
