package dev.convoy.telemetry;

import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** Records a call's outcome, as a gRPC status, on the spans a service makes for it. */
public final class GrpcSpans {
  /** The status code's number, as OpenTelemetry's gRPC conventions name it. */
  public static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");

  private GrpcSpans() {}

  /**
   * Sets {@code rpc.grpc.status_code}; any status but OK marks the span as an error whose
   * description is {@code CODE: description}.
   */
  public static void recordStatus(Span span, Status status) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute(STATUS_CODE, status.getCode().value());
    if (!status.isOk()) {
      String description = status.getDescription();
      span.setStatus(StatusCode.ERROR,
          description == null ? status.getCode().name() : status.getCode() + ": " + description);
    }
  }
}
