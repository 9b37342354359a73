package dev.convoy.transport;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.RecvByteBufAllocator;
import java.util.concurrent.TimeUnit;

/**
 * The transport limits that keep one client from holding a service's memory or connections:
 * each connection carries at most a given number of calls, each call buffers at most a fixed
 * flow-control window of inbound bytes its handler has not asked for (no automatic growth),
 * headers are bounded, a connection must finish its HTTP/2 preface promptly, idle connections
 * are closed, and dead peers are found by keepalive pings. Each turn of an I/O thread reads a
 * connection once, at most {@link #MAX_READ_BYTES} (Netty reads up to 16 times, 64 KiB each): a
 * connection flooding with calls would otherwise have a turn's worth of its calls handled before
 * the other connections of that thread are read.
 */
public final class NettyLimits {
  /** Calls one client connection may have open: what a router gives each of its clients. */
  public static final int CLIENT_CALLS_PER_CONNECTION = 256;
  /**
   * Calls a server takes on one connection. A router brings all its clients' calls on one
   * connection: at 256, a flood of short-deadline calls through a router filled it, and every
   * other client's call waited in the router for a free stream, for seconds. The router holds
   * each of its own clients to {@link #CLIENT_CALLS_PER_CONNECTION}; a server's memory stays
   * bounded by its in-flight budget.
   */
  public static final int SERVER_CALLS_PER_CONNECTION = 4096;
  /**
   * Bytes one connection's read may take per turn of its I/O thread. A 64 KiB read of a flood of
   * short-deadline calls is some 150 calls of work before the thread's next connection is read.
   * Under that flood (the chaos suite's) a client sharing the flood's thread had p99 165 ms
   * straight to a server at 64 KiB, 46 ms at 8 KiB and 31 ms at 4 KiB; a 4 MiB request took
   * about 12, 15 and 20 ms.
   */
  static final int MAX_READ_BYTES = 8 << 10;
  private static final int MIN_READ_BYTES = 64; // Netty's defaults below the maximum
  private static final int INITIAL_READ_BYTES = 2048;
  static final int FLOW_CONTROL_WINDOW_BYTES = 256 << 10;
  static final int MAX_HEADER_LIST_BYTES = 8 << 10;
  static final long HANDSHAKE_TIMEOUT_SECONDS = 10;
  static final long MAX_CONNECTION_IDLE_MINUTES = 5;
  static final long KEEPALIVE_TIME_SECONDS = 60;
  static final long KEEPALIVE_TIMEOUT_SECONDS = 20;
  /** Clients may ping this often (grpc-java's client floor is 10 s), with or without calls. */
  static final long PERMIT_KEEPALIVE_SECONDS = 10;

  private NettyLimits() {}

  /** How a connection's bytes are read: once per turn of its I/O thread, up to {@link #MAX_READ_BYTES}. */
  public static RecvByteBufAllocator oneReadPerTurn() {
    return new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES, INITIAL_READ_BYTES, MAX_READ_BYTES).maxMessagesPerRead(1);
  }

  /** {@code builder} with these limits and at most {@code callsPerConnection} calls per connection. */
  public static NettyServerBuilder apply(NettyServerBuilder builder, int callsPerConnection) {
    return builder
        .withChildOption(ChannelOption.RCVBUF_ALLOCATOR, oneReadPerTurn())
        .maxConcurrentCallsPerConnection(callsPerConnection)
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
