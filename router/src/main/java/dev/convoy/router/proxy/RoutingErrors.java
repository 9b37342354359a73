package dev.convoy.router.proxy;

import io.grpc.Status;

/** The statuses the router itself answers with; each description names the model or method. */
final class RoutingErrors {
  private RoutingErrors() {}

  /** No healthy backend serves the model (or version): UNAVAILABLE naming it. */
  static Status noBackend(RouteKey key) {
    return Status.UNAVAILABLE.withDescription("no healthy backend serves " + key.describe());
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
    return Status.INTERNAL.withDescription(method + ": more than one request message in a unary call");
  }

  static Status noRequest(String method) {
    return Status.INTERNAL.withDescription(method + ": half-closed without a request message");
  }
}
