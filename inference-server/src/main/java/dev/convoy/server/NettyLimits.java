package dev.convoy.server;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.util.concurrent.TimeUnit;

/**
 * The transport limits that keep one client from holding the server's memory or connections:
 * each connection carries at most {@link #MAX_CALLS_PER_CONNECTION} calls, each call buffers
 * at most a fixed flow-control window of inbound bytes its handler has not asked for (no
 * automatic growth), headers are bounded, a connection must finish its HTTP/2 preface
 * promptly, idle connections are closed, and dead peers are found by keepalive pings.
 */
final class NettyLimits {
  static final int MAX_CALLS_PER_CONNECTION = 256;
  static final int FLOW_CONTROL_WINDOW_BYTES = 256 << 10;
  static final int MAX_HEADER_LIST_BYTES = 8 << 10;
  static final long HANDSHAKE_TIMEOUT_SECONDS = 10;
  static final long MAX_CONNECTION_IDLE_MINUTES = 5;
  static final long KEEPALIVE_TIME_SECONDS = 60;
  static final long KEEPALIVE_TIMEOUT_SECONDS = 20;
  /** Clients may ping this often (grpc-java's client floor is 10 s), with or without calls. */
  static final long PERMIT_KEEPALIVE_SECONDS = 10;

  private NettyLimits() {}

  static NettyServerBuilder apply(NettyServerBuilder builder) {
    return builder
        .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
        .flowControlWindow(FLOW_CONTROL_WINDOW_BYTES)
        .maxInboundMetadataSize(MAX_HEADER_LIST_BYTES)
        .handshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .maxConnectionIdle(MAX_CONNECTION_IDLE_MINUTES, TimeUnit.MINUTES)
        .keepAliveTime(KEEPALIVE_TIME_SECONDS, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .permitKeepAliveTime(PERMIT_KEEPALIVE_SECONDS, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
  }
}
