package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request's span under a traced call and under one that is not. */
class InferenceTracingTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALL_SPAN = "b7ad6b7169203331";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  // A sampler that is not parent-based would trace a child of an untraced call: the call decides.
  private final SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
      .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final InferenceTracing tracing = ServerTelemetry.create(
      OpenTelemetrySdk.builder().setTracerProvider(provider).build(), System::nanoTime, Clock.systemUTC()).tracing();

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void startRequest_callNotTraced_isTheCallsSpanAndRecordsNothing() {
    Context call = Context.root().with(Span.wrap(context(TraceFlags.getDefault())));

    Span request = tracing.startRequest(call, "digits_mlp", "r1", System.nanoTime());
    request.end();

    assertThat(request.getSpanContext()).isEqualTo(context(TraceFlags.getDefault()));
    assertThat(request.isRecording()).isFalse();
    assertThat(exported.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void startRequest_callTraced_isAChildSpanOfTheCall() {
    Context call = Context.root().with(Span.wrap(context(TraceFlags.getSampled())));

    Span request = tracing.startRequest(call, "digits_mlp", "r1", System.nanoTime());
    request.end();

    assertThat(request.getSpanContext().getTraceId()).isEqualTo(TRACE);
    assertThat(request.getSpanContext().getSpanId()).isNotEqualTo(CALL_SPAN);
    assertThat(exported.getFinishedSpanItems()).singleElement()
        .satisfies(span -> assertThat(span.getParentSpanId()).isEqualTo(CALL_SPAN));
  }

  private static SpanContext context(TraceFlags flags) {
    return SpanContext.createFromRemoteParent(TRACE, CALL_SPAN, flags, TraceState.getDefault());
  }
}
