package dev.convoy.loadtest.grpc;

import java.util.List;

/** {@code --call} names no unary method of the service; the message lists the valid ones. */
public final class UnknownMethodException extends IllegalArgumentException {

  private final List<String> validMethods;

  public UnknownMethodException(String call, String why, List<String> validMethods) {
    super(
        "unknown method '" + call + "'" + (why.isEmpty() ? "" : " (" + why + ")")
            + "; valid methods: " + String.join(", ", validMethods));
    this.validMethods = List.copyOf(validMethods);
  }

  public List<String> validMethods() {
    return validMethods;
  }
}
