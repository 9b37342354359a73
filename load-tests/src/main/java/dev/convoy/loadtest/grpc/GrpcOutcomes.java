package dev.convoy.loadtest.grpc;

import dev.convoy.loadtest.engine.CallOutcome;
import io.grpc.Status;
import java.util.Locale;

/**
 * Turns a gRPC status into the names ghz reports, so reports from the two tools compare: the
 * status as grpc-go spells the code ({@code Unavailable}, {@code DeadlineExceeded},
 * {@code Canceled}) and the error as grpc-go prints it
 * ({@code rpc error: code = Unavailable desc = ...}).
 */
public final class GrpcOutcomes {

  private GrpcOutcomes() {}

  public static CallOutcome of(Status status) {
    if (status.isOk()) {
      return CallOutcome.ok();
    }
    String description = status.getDescription() == null ? "" : status.getDescription();
    return errorOf(status.getCode(), description);
  }

  /** An outcome with a fixed description, e.g. for a client-side deadline. */
  public static CallOutcome errorOf(Status.Code code, String description) {
    String name = codeName(code);
    return CallOutcome.failed(name, "rpc error: code = " + name + " desc = " + description);
  }

  /** The grpc-go name of a status code. */
  public static String codeName(Status.Code code) {
    if (code == Status.Code.OK) {
      return "OK";
    }
    if (code == Status.Code.CANCELLED) {
      return "Canceled"; // grpc-go's spelling
    }
    StringBuilder name = new StringBuilder();
    for (String word : code.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }
}
