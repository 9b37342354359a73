package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.server.error.InvalidInputException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Triton's trace settings applied by the SDK's sampler, span by span. */
class TraceSamplerTest {
  private static final String MODEL_INFER = "inference.GRPCInferenceService/ModelInfer";

  private final TraceControl control = new TraceControl();
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .setSampler(new TraceSampler(Sampler.parentBased(Sampler.alwaysOn()), control))
      .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void rootCalls_traceRateFour_tracesTheFirstAndEveryFourth() {
    control.update("", Map.of(TraceControl.RATE, List.of("4")));

    List<Boolean> sampled = IntStream.range(0, 9).mapToObj(i -> call().isSampled()).toList();

    assertThat(sampled).containsExactly(true, false, false, false, true, false, false, false, true);
  }

  @Test
  void rootCalls_traceCountTwo_stopsAfterTwoAndReportsNoneLeft() {
    control.update("", Map.of(TraceControl.COUNT, List.of("2")));

    assertThat(IntStream.range(0, 5).filter(i -> call().isSampled()).count()).isEqualTo(2);
    assertThat(control.settings("").get(TraceControl.COUNT)).containsExactly("0");
  }

  @Test
  void rootCalls_levelOff_noneTraced_butACallersSampledContextStillIs() {
    control.update("", Map.of(TraceControl.LEVEL, List.of("OFF")));

    assertThat(call().isSampled()).isFalse();
    assertThat(callUnder(remote(TraceFlags.getSampled())).isSampled()).as("the caller decided").isTrue();
    assertThat(callUnder(remote(TraceFlags.getDefault())).isSampled()).isFalse();
  }

  @Test
  void otherRootSpans_notInferenceCalls_leftToTheConfiguredSampler() {
    control.update("", Map.of(TraceControl.LEVEL, List.of("OFF")));

    assertThat(tracer.spanBuilder("grpc.health.v1.Health/Check").setSpanKind(SpanKind.SERVER).startSpan()
        .getSpanContext().isSampled()).isTrue();
  }

  @Test
  void requestSpans_modelOff_droppedWhileOtherModelsAreTraced() {
    control.update("quiet", Map.of(TraceControl.LEVEL, List.of("OFF")));

    assertThat(request("quiet").isSampled()).isFalse();
    assertThat(request("busy").isSampled()).isTrue();
    assertThat(control.settings("quiet").get(TraceControl.LEVEL)).containsExactly("OFF");
    assertThat(control.settings("quiet").get(TraceControl.RATE)).as("copied from the global").containsExactly("1");
  }

  @Test
  void modelSettings_clearedWithNoValue_followTheGlobalAgain() {
    control.update("m", Map.of(TraceControl.LEVEL, List.of("OFF")));
    control.update("m", Map.of(TraceControl.LEVEL, List.of()));

    assertThat(request("m").isSampled()).isTrue();
    assertThat(control.settings("m").get(TraceControl.LEVEL)).containsExactly("TIMESTAMPS");
  }

  @Test
  void update_badValues_refusedNamingTheSettingAndNothingChanges() {
    assertThatThrownBy(() -> control.update("", Map.of(TraceControl.RATE, List.of("0"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("trace_rate");
    assertThatThrownBy(() -> control.update("", Map.of(TraceControl.LEVEL, List.of("TENSORS"))))
        .hasMessageContaining("trace_level").hasMessageContaining("TENSORS");
    assertThatThrownBy(() -> control.update("", Map.of("trace_colour", List.of("red"))))
        .hasMessageContaining("trace_colour");
    assertThatThrownBy(() -> control.update("", Map.of(TraceControl.FILE, List.of("traces.json"))))
        .hasMessageContaining("trace_file");
    assertThatThrownBy(() -> control.update("", Map.of(TraceControl.COUNT, List.of("x"))))
        .hasMessageContaining("trace_count");

    assertThat(control.settings("")).containsExactly(
        Map.entry(TraceControl.LEVEL, List.of("TIMESTAMPS")), Map.entry(TraceControl.RATE, List.of("1")),
        Map.entry(TraceControl.COUNT, List.of("-1")), Map.entry(TraceControl.LOG_FREQUENCY, List.of("0")),
        Map.entry(TraceControl.FILE, List.of("")));
  }

  private SpanContext call() {
    return callUnder(Context.root());
  }

  private SpanContext callUnder(Context parent) {
    Span span = tracer.spanBuilder(MODEL_INFER).setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
    span.end();
    return span.getSpanContext();
  }

  private SpanContext request(String model) {
    Span server = tracer.spanBuilder(MODEL_INFER).setSpanKind(SpanKind.SERVER).startSpan();
    Span request = tracer.spanBuilder(InferenceTracing.INFER).setParent(Context.root().with(server))
        .setAttribute(SpanAttributes.MODEL, model).startSpan();
    request.end();
    server.end();
    return request.getSpanContext();
  }

  private static Context remote(TraceFlags flags) {
    return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", flags, TraceState.getDefault())));
  }
}
