package dev.convoy.telemetry;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.Set;

/** The RPC attributes and outcome of a call's span, after OpenTelemetry's semantic conventions. */
final class RpcSpans {
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

  /** The statuses a server span is an error for: the server's fault, not the caller's. */
  private static final Set<Status.Code> SERVER_ERRORS = EnumSet.of(Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED,
      Status.Code.UNIMPLEMENTED, Status.Code.INTERNAL, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

  private RpcSpans() {}

  /** {@code rpc.system}, {@code rpc.service} and {@code rpc.method} of a recording span. */
  static void describe(Span span, MethodDescriptor<?, ?> method) {
    span.setAttribute(SYSTEM, "grpc");
    String service = method.getServiceName();
    if (service != null) {
      span.setAttribute(SERVICE, service);
    }
    String bare = method.getBareMethodName();
    if (bare != null) {
      span.setAttribute(METHOD, bare);
    }
  }

  /** The peer's address and port, when the transport knows them as an IP socket address. */
  static void peer(Span span, SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      span.setAttribute(PEER_ADDRESS, inet.getHostString());
      span.setAttribute(PEER_PORT, (long) inet.getPort());
    }
  }

  /** {@code server.address} and {@code server.port} from a channel's authority, {@code host[:port]}. */
  static void server(Span span, String authority) {
    if (authority == null) {
      return;
    }
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > authority.lastIndexOf(']');
    String host = hasPort ? authority.substring(0, colon) : authority;
    span.setAttribute(SERVER_ADDRESS, host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    if (hasPort) {
      try {
        span.setAttribute(SERVER_PORT, Long.parseLong(authority.substring(colon + 1)));
      } catch (NumberFormatException e) {
        // Not a port: the address alone says where the call went.
      }
    }
  }

  /** Ends a server span: any status is recorded, only the server's faults mark an error. */
  static void endServer(Span span, Status status) {
    if (SERVER_ERRORS.contains(status.getCode())) {
      GrpcSpans.recordStatus(span, status);
    } else if (span.isRecording()) {
      span.setAttribute(GrpcSpans.STATUS_CODE, status.getCode().value());
    }
    span.end();
  }

  /** Ends a client span: any status but OK is an error. */
  static void endClient(Span span, Status status) {
    GrpcSpans.recordStatus(span, status);
    span.end();
  }
}
