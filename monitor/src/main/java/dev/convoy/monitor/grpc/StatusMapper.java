package dev.convoy.monitor.grpc;

import dev.convoy.monitor.engine.NotEnoughSamplesException;
import dev.convoy.monitor.engine.ShuttingDownException;
import dev.convoy.monitor.store.StoreException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;

/** Turns the core's typed failures into gRPC statuses whose description says what and why. */
final class StatusMapper {
  private static final int MAX_DESCRIPTION = 512;

  private StatusMapper() {
  }

  static StatusRuntimeException toStatus(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    Status status;
    if (e instanceof StatusRuntimeException sre) {
      return sre;
    } else if (e instanceof IllegalArgumentException) {
      status = Status.INVALID_ARGUMENT;
    } else if (e instanceof NotEnoughSamplesException) {
      status = Status.FAILED_PRECONDITION;
    } else if (e instanceof ShuttingDownException) {
      status = Status.UNAVAILABLE;
    } else if (e instanceof OutOfMemoryError) {
      status = Status.RESOURCE_EXHAUSTED;
    } else if (e instanceof StoreException) {
      status = Status.INTERNAL;
    } else {
      status = Status.INTERNAL;
    }
    return status.withDescription(bounded(e.getMessage())).withCause(e).asRuntimeException();
  }

  static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(bounded(description)).asRuntimeException();
  }

  static String bounded(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) + "..." : text;
  }
}
