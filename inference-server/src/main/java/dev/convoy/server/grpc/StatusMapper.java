package dev.convoy.server.grpc;

import dev.convoy.server.error.BackendException;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.error.ModelNotFoundException;
import dev.convoy.server.error.ModelUnavailableException;
import dev.convoy.server.error.RequestCancelledException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the server's typed failures into gRPC statuses whose descriptions name the culprit. */
final class StatusMapper {
  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);

  private StatusMapper() {}

  static Status toStatus(Throwable failure) {
    if (failure instanceof StatusRuntimeException sre) {
      return sre.getStatus();
    }
    Status status = codeFor(failure);
    if (status.getCode() == Status.Code.INTERNAL) {
      log.error("internal error", failure);
      String detail = failure instanceof BackendException ? failure.getMessage() : "internal error";
      return status.withDescription(detail);
    }
    return status.withDescription(failure.getMessage());
  }

  static StatusRuntimeException toException(Throwable failure) {
    return toStatus(failure).asRuntimeException();
  }

  private static Status codeFor(Throwable failure) {
    if (failure instanceof InvalidInputException || failure instanceof ModelLoadException) {
      return Status.INVALID_ARGUMENT;
    }
    if (failure instanceof ModelNotFoundException) {
      return Status.NOT_FOUND;
    }
    if (failure instanceof ModelUnavailableException) {
      return Status.UNAVAILABLE;
    }
    if (failure instanceof RequestCancelledException cancelled) {
      return cancelled.deadlineExceeded() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED;
    }
    return Status.INTERNAL;
  }
}
