package dev.convoy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.telemetry.testing.SpanCapture;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcTracingTest {
  private static final MethodDescriptor<String, String> SAY = MethodDescriptor.<String, String>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("test.Echo/Say")
      .setRequestMarshaller(new Utf8())
      .setResponseMarshaller(new Utf8())
      .build();

  /** Fails with the status its request names. */
  private static final MethodDescriptor<String, String> FAIL = SAY.toBuilder().setFullMethodName("test.Echo/Fail")
      .build();

  private final SpanCapture capture = new SpanCapture();
  private final AtomicReference<SpanContext> seenByHandler = new AtomicReference<>();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    capture.close();
  }

  @Test
  void traced_clientToServer_oneTraceWithClientParentOfServer() throws Exception {
    GrpcTracing tracing = GrpcTracing.create(capture.openTelemetry());
    Channel traced = start(tracing);

    Span caller = capture.openTelemetry().getTracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = caller.makeCurrent()) {
      assertThat(ClientCalls.blockingUnaryCall(traced, SAY, io.grpc.CallOptions.DEFAULT, "hi")).isEqualTo("hi!");
    } finally {
      caller.end();
    }

    List<SpanData> spans = capture.awaitCount("test.Echo/Say", 2, Duration.ofSeconds(10));
    SpanData client = only(spans, SpanKind.CLIENT);
    SpanData server = only(spans, SpanKind.SERVER);
    assertThat(client.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(server.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(seenByHandler.get().getSpanId()).as("the handler runs in the server span").isEqualTo(server.getSpanId());
  }

  @Test
  void traced_spans_carryTheRpcAttributes() throws Exception {
    Channel traced = start(GrpcTracing.create(capture.openTelemetry()));

    ClientCalls.blockingUnaryCall(traced, SAY, io.grpc.CallOptions.DEFAULT, "hi");

    List<SpanData> spans = capture.awaitCount("test.Echo/Say", 2, Duration.ofSeconds(10));
    for (SpanData span : spans) {
      assertThat(span.getAttributes().get(RpcSpans.SYSTEM)).isEqualTo("grpc");
      assertThat(span.getAttributes().get(RpcSpans.SERVICE)).isEqualTo("test.Echo");
      assertThat(span.getAttributes().get(RpcSpans.METHOD)).isEqualTo("Say");
      assertThat(span.getAttributes().get(GrpcSpans.STATUS_CODE)).isZero();
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
    assertThat(only(spans, SpanKind.CLIENT).getAttributes().get(RpcSpans.SERVER_ADDRESS)).isEqualTo("localhost");
  }

  @Test
  void traced_callerFault_anErrorOnlyForTheClient_serverFault_anErrorForBoth() throws Exception {
    Channel traced = start(GrpcTracing.create(capture.openTelemetry()));

    assertThat(statusesOfFailedCall(traced, Status.Code.INVALID_ARGUMENT))
        .containsExactly(StatusCode.ERROR, StatusCode.UNSET);
    capture.reset();
    assertThat(statusesOfFailedCall(traced, Status.Code.INTERNAL)).containsExactly(StatusCode.ERROR, StatusCode.ERROR);
  }

  @Test
  void traced_callerNotSampled_noSpans_theDecisionReachesTheHandler() throws Exception {
    Channel traced = start(GrpcTracing.create(capture.openTelemetry()));
    SpanContext unsampled = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getDefault(), TraceState.getDefault());

    try (Scope ignored = Span.wrap(unsampled).makeCurrent()) {
      ClientCalls.blockingUnaryCall(traced, SAY, io.grpc.CallOptions.DEFAULT, "hi");
    }

    assertThat(seenByHandler.get().getTraceId()).isEqualTo(unsampled.getTraceId());
    assertThat(seenByHandler.get().isSampled()).isFalse();
    assertThat(capture.spans()).isEmpty();
  }

  /** The CLIENT then the SERVER span's status after a call that fails with {@code code}. */
  private List<StatusCode> statusesOfFailedCall(Channel traced, Status.Code code) throws InterruptedException {
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(traced, FAIL, io.grpc.CallOptions.DEFAULT, code.name()))
        .isInstanceOf(StatusRuntimeException.class);
    List<SpanData> spans = capture.awaitCount("test.Echo/Fail", 2, Duration.ofSeconds(10));
    return List.of(only(spans, SpanKind.CLIENT).getStatus().getStatusCode(),
        only(spans, SpanKind.SERVER).getStatus().getStatusCode());
  }

  @Test
  void traced_noopOpenTelemetry_leavesTheChannelAlone() throws Exception {
    GrpcTracing tracing = GrpcTracing.create(OpenTelemetry.noop());
    start(tracing);

    assertThat(tracing.traced(channel)).isSameAs(channel);
  }

  private Channel start(GrpcTracing tracing) throws IOException {
    String name = InProcessServerBuilder.generateName();
    BindableService echo = () -> ServerServiceDefinition.builder("test.Echo")
        .addMethod(SAY, ServerCalls.asyncUnaryCall((request, responses) -> {
          seenByHandler.set(Span.current().getSpanContext());
          responses.onNext(request + "!");
          responses.onCompleted();
        }))
        .addMethod(FAIL, ServerCalls.asyncUnaryCall((request, responses) ->
            responses.onError(Status.Code.valueOf(request).toStatus().withDescription("asked to").asRuntimeException())))
        .build();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(tracing.traced(echo)).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return tracing.traced(channel);
  }

  private static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> ofKind = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(ofKind).hasSize(1);
    return ofKind.get(0);
  }

  private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
