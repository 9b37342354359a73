package dev.convoy.server.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The server's sampler: the one OpenTelemetry is configured with ({@code OTEL_TRACES_SAMPLER},
 * parent-based by default) with Triton's trace settings ({@link TraceControl}) on top.
 *
 * <ul>
 *   <li>A call of the inference service that starts a trace (no caller's trace context) is
 *       traced when the global settings take it: level not OFF, one in {@code trace_rate},
 *       while {@code trace_count} lasts. A caller's sampled or unsampled {@code traceparent}
 *       decides as the configured sampler says.
 *   <li>A request's {@code convoy.infer} span, for a model with settings of its own, is traced
 *       when the model's settings take it, within a traced call; so a model's settings narrow
 *       what the global ones trace, they cannot trace calls the global settings left out.
 * </ul>
 */
public final class TraceSampler implements Sampler {
  private static final String INFERENCE_SERVICE = "inference.GRPCInferenceService/";

  private final Sampler configured;
  private final TraceControl control;

  public TraceSampler(Sampler configured, TraceControl control) {
    this.configured = configured;
    this.control = control;
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    if (name.equals(InferenceTracing.INFER) && parent.isSampled()) {
      String model = attributes.get(SpanAttributes.MODEL);
      TraceControl.Decision decision = model == null ? TraceControl.Decision.GLOBAL : control.sampleModel(model);
      if (decision == TraceControl.Decision.DROP) {
        return SamplingResult.drop();
      }
    }
    if (!parent.isValid() && spanKind == SpanKind.SERVER && name.startsWith(INFERENCE_SERVICE)
        && !control.sampleRoot()) {
      return SamplingResult.drop();
    }
    return configured.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return "TraceSampler{" + configured.getDescription() + "}";
  }
}
