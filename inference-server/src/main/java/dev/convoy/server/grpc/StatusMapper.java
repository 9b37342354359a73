package dev.convoy.server.grpc;

import dev.convoy.batcher.BatcherClosedException;
import dev.convoy.batcher.DeadlineExpiredException;
import dev.convoy.batcher.InvalidBatchRequestException;
import dev.convoy.batcher.QueueFullException;
import dev.convoy.batcher.QueueTimeoutException;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.error.ModelNotFoundException;
import dev.convoy.server.error.ModelUnavailableException;
import dev.convoy.server.error.OverBudgetException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the server's and the batcher's typed failures into gRPC statuses whose descriptions
 * name the culprit. Nothing else in the server creates a status from an exception.
 *
 * <p>Descriptions are cut to {@link #MAX_DESCRIPTION} characters: they echo client strings
 * (model and tensor names), and a status must fit in the trailers' metadata limit. Server
 * faults are logged with their stack trace; client errors at most one line per code and
 * period ({@link ClientErrorLog}).
 */
final class StatusMapper {
  /** Longest description sent; with percent-encoding it stays far below the 8 KiB metadata limit. */
  static final int MAX_DESCRIPTION = 256;
  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);
  private static final ClientErrorLog clientErrors = new ClientErrorLog(log, System::nanoTime);

  private StatusMapper() {}

  static Status toStatus(Throwable thrown) {
    Status status = statusOf(thrown);
    if (status.getCode() == Status.Code.INTERNAL && !(unwrap(thrown) instanceof StatusRuntimeException)) {
      log.error("internal error", unwrap(thrown));
    } else {
      clientErrors.record(status);
    }
    return status;
  }

  /** The status {@link #toStatus} answers with, without logging: for telemetry, before the answer. */
  static Status statusOf(Throwable thrown) {
    Throwable failure = unwrap(thrown);
    if (failure instanceof StatusRuntimeException sre) {
      return bounded(sre.getStatus());
    }
    Status status = codeFor(failure);
    if (status.getCode() == Status.Code.INTERNAL) {
      String detail = failure instanceof BackendException ? failure.getMessage() : "internal error";
      return bounded(status.withDescription(detail));
    }
    return bounded(status.withDescription(failure.getMessage()));
  }

  /** The status with its description cut to {@link #MAX_DESCRIPTION} characters, marked where cut. */
  static Status bounded(Status status) {
    String description = status.getDescription();
    if (description == null || description.length() <= MAX_DESCRIPTION) {
      return status;
    }
    return status.withDescription(description.substring(0, MAX_DESCRIPTION - 3) + "...");
  }

  static StatusRuntimeException toException(Throwable failure) {
    return toStatus(failure).asRuntimeException();
  }

  /** The failure itself, out of the wrappers futures put around it. */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static Status codeFor(Throwable failure) {
    if (failure instanceof InvalidInputException || failure instanceof ModelLoadException
        || failure instanceof InvalidBatchRequestException) {
      return Status.INVALID_ARGUMENT;
    }
    if (failure instanceof ModelNotFoundException) {
      return Status.NOT_FOUND;
    }
    if (failure instanceof ModelUnavailableException || failure instanceof BatcherClosedException) {
      return Status.UNAVAILABLE;
    }
    if (failure instanceof QueueFullException || failure instanceof OverBudgetException) {
      return Status.RESOURCE_EXHAUSTED;
    }
    if (failure instanceof DeadlineExpiredException || failure instanceof QueueTimeoutException) {
      return Status.DEADLINE_EXCEEDED;
    }
    if (failure instanceof CancellationException) {
      return Status.CANCELLED;
    }
    return Status.INTERNAL;
  }
}
