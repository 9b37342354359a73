package dev.convoy.router.telemetry;

import dev.convoy.router.backend.Backend;
import dev.convoy.telemetry.GrpcSpans;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The trace of one call the router handles: the context of its SERVER span, captured on the
 * thread that received the call, and what the routing decided, written onto that span and onto
 * the CLIENT span of each backend call. Every method but {@link #makeCurrent} does nothing when
 * the span is not recording.
 *
 * <p>Not thread-safe: the call that owns it serialises its use.
 */
public final class CallTrace {
  /** What a backend call's CLIENT span gets; read by {@link RouterTracing}'s channel. */
  static final CallOptions.Key<Attributes> CLIENT_ATTRIBUTES = CallOptions.Key.create("convoy.client-span-attributes");

  private final Context context;
  private final Span span;
  private Attributes route = Attributes.empty();

  private CallTrace(Context context) {
    this.context = context;
    this.span = Span.fromContext(context);
  }

  /** The call being handled on this thread (its SERVER span is current while its handler runs). */
  public static CallTrace current() {
    return new CallTrace(Context.current());
  }

  /**
   * Backend calls made inside the scope are children of the router's SERVER span and carry its
   * trace context, whichever thread makes them (a retry starts on a backend's callback thread).
   */
  public Scope makeCurrent() {
    return context.makeCurrent();
  }

  /** The model and version the request names ({@code version} empty: none). */
  public void route(String model, String version) {
    if (!span.isRecording()) {
      return;
    }
    AttributesBuilder attributes = Attributes.builder().put(SpanAttributes.MODEL, model);
    Long number = versionNumber(version);
    if (number != null) {
      attributes.put(SpanAttributes.VERSION, number);
    }
    route = attributes.build();
    span.setAllAttributes(route);
  }

  /**
   * Attempt {@code attempt} goes to {@code backend}: the SERVER span notes the backend and the
   * attempt (the last attempt's stay), and the returned options give the attempt's CLIENT span
   * the model, version, backend and attempt.
   */
  public CallOptions attempt(CallOptions options, Backend backend, int attempt) {
    if (!span.isRecording()) {
      return options;
    }
    Attributes chosen = backendAttributes(backend).toBuilder().put(SpanAttributes.ATTEMPT, (long) attempt).build();
    span.setAllAttributes(chosen);
    return options.withOption(CLIENT_ATTRIBUTES, route.toBuilder().putAll(chosen).build());
  }

  /** A call sent to every backend: each CLIENT span names its backend; the SERVER span is left alone. */
  public CallOptions fanOut(CallOptions options, Backend backend) {
    return span.isRecording() ? options.withOption(CLIENT_ATTRIBUTES, backendAttributes(backend)) : options;
  }

  /** {@code failed} answered {@code status} and the call is retried elsewhere: a {@code convoy.retry} event. */
  public void retry(Backend failed, Status status) {
    event(RouterTracing.RETRY, failed, status);
  }

  /**
   * {@code failed} answered {@code status}, and the retry budget refused a retry: a
   * {@code convoy.retry.refused} event.
   */
  public void retryRefused(Backend failed, Status status) {
    event(RouterTracing.RETRY_REFUSED, failed, status);
  }

  private void event(String name, Backend backend, Status status) {
    if (!span.isRecording()) {
      return;
    }
    String description = status.getDescription();
    String named = description == null ? status.getCode().name() : status.getCode() + ": " + description;
    span.addEvent(name, backendAttributes(backend).toBuilder()
        .put(GrpcSpans.STATUS_CODE, (long) status.getCode().value())
        .put(SpanAttributes.STATUS, named)
        .build());
  }

  private static Attributes backendAttributes(Backend backend) {
    return Attributes.of(SpanAttributes.BACKEND, backend.address(), SpanAttributes.BACKEND_KIND, backend.kind().name());
  }

  /** A version the servers would accept (a decimal number), or null. */
  private static Long versionNumber(String version) {
    if (version.isEmpty() || version.length() > 18 || !version.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(version);
  }
}
