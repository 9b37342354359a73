package dev.convoy.router.proxy;

import io.grpc.Status;

/**
 * The statuses the router itself answers with; each description names the model or method.
 * Descriptions are cut to {@link #MAX_DESCRIPTION} characters, since they may echo client
 * strings and a status must fit in the trailers' metadata limit.
 */
final class RoutingErrors {
  static final int MAX_DESCRIPTION = 256;

  private RoutingErrors() {}

  /** No healthy backend serves the model (or version): UNAVAILABLE naming it. */
  static Status noBackend(RouteKey key) {
    return bounded(Status.UNAVAILABLE.withDescription("no healthy backend serves " + key.describe()));
  }

  /** No backend has the model (or version) in its repository, in any state: NOT_FOUND naming it. */
  static Status unknownModel(RouteKey key) {
    return bounded(Status.NOT_FOUND.withDescription("no backend has " + key.describe()));
  }

  /** The status with its description cut to {@link #MAX_DESCRIPTION} characters, marked where cut. */
  static Status bounded(Status status) {
    String description = status.getDescription();
    if (description == null || description.length() <= MAX_DESCRIPTION) {
      return status;
    }
    return status.withDescription(description.substring(0, MAX_DESCRIPTION - 3) + "...");
  }

  static Status noHealthyBackend(String method) {
    return Status.UNAVAILABLE.withDescription(method + ": no healthy backend");
  }

  static Status unparsable(String method) {
    return Status.INVALID_ARGUMENT.withDescription(method + ": the request is not a valid protobuf message");
  }

  static Status emptyModelName(String method) {
    return Status.INVALID_ARGUMENT.withDescription(method + ": the model name is empty");
  }

  static Status tooManyRequests(String method) {
    return Status.INVALID_ARGUMENT.withDescription(method + ": more than one request message in a unary call");
  }

  static Status noRequest(String method) {
    return Status.INVALID_ARGUMENT.withDescription(method + ": half-closed without a request message");
  }
}
