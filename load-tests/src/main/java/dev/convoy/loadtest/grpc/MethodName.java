package dev.convoy.loadtest.grpc;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;

/**
 * A {@code --call} as ghz reads it: {@code package.Service.Method} or
 * {@code package.Service/Method} (a leading dot allowed); a bare method name is refused, as
 * ghz refuses it.
 *
 * @param service the fully-qualified service name, e.g. {@code inference.GRPCInferenceService}
 * @param method the method's simple name, e.g. {@code ModelInfer}
 */
public record MethodName(String service, String method) {

  /** Longest text of a call quoted back in an error. */
  private static final int MAX_QUOTED = 200;

  /**
   * @throws IllegalArgumentException in ghz's words
   */
  public static MethodName parse(String call) {
    String c = call.trim();
    if (c.startsWith(".")) {
      c = c.substring(1);
    }
    if (c.isEmpty()) {
      throw new IllegalArgumentException("no method name specified");
    }
    long slashes = c.chars().filter(ch -> ch == '/').count();
    int split = slashes == 0 ? c.lastIndexOf('.') : c.indexOf('/');
    if (slashes > 1 || split <= 0 || split == c.length() - 1) {
      String quoted = c.length() > MAX_QUOTED ? c.substring(0, MAX_QUOTED) + "..." : c;
      throw new IllegalArgumentException("method name must be package.Service.Method or"
          + " package.Service/Method: \"" + quoted + "\"");
    }
    return new MethodName(c.substring(0, split), c.substring(split + 1));
  }

  /** gRPC's path form, {@code package.Service/Method}. */
  public String fullMethodName() {
    return service + "/" + method;
  }

  /** The dotted form ghz reports: {@code package.Service.Method}. */
  public String dotted() {
    return service + "." + method;
  }

  /** Whether this is Convoy's inference service, whose schema the tool carries. */
  public boolean isInferenceService() {
    return service.equals(GRPCInferenceServiceGrpc.SERVICE_NAME);
  }

  /** ModelStreamInfer, which Convoy runs as one call per message (see the README). */
  public boolean isModelStreamInfer() {
    return fullMethodName().equals(
        GRPCInferenceServiceGrpc.getModelStreamInferMethod().getFullMethodName());
  }
}
