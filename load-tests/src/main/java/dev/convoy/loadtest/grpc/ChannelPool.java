package dev.convoy.loadtest.grpc;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections a run spreads its workers over: worker {@code w} uses connection
 * {@code w % connections}, as ghz does. Each connection is its own channel, so each is its own
 * HTTP/2 connection.
 */
public final class ChannelPool implements AutoCloseable {

  /** Inference responses can be large; gRPC's default 4 MiB limit is for RPC-style APIs. */
  private static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024 * 1024;

  private final ChannelSettings settings;
  private final List<ManagedChannel> channels;
  private final EventLoopGroup eventLoop;

  private ChannelPool(ChannelSettings settings, List<ManagedChannel> channels,
      EventLoopGroup eventLoop) {
    this.settings = settings;
    this.channels = List.copyOf(channels);
    this.eventLoop = eventLoop;
  }

  /**
   * Creates the channels; connects lazily (see {@link #awaitReady()}).
   *
   * @throws IllegalArgumentException when a TLS file is missing or unreadable, naming it
   */
  public static ChannelPool open(ChannelSettings settings) {
    SslContext ssl = settings.insecure() ? null : sslContext(settings);
    ClientTuning tuning = settings.tuning();
    EventLoopGroup eventLoop = new NioEventLoopGroup(tuning.eventLoopThreads(), daemonThreads());
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < settings.connections(); i++) {
      NettyChannelBuilder builder = builderFor(settings)
          .eventLoopGroup(eventLoop)
          .channelType(NioSocketChannel.class)
          .maxInboundMessageSize(tuning.maxRecvBytes() > 0
              ? (int) Math.min(Integer.MAX_VALUE, tuning.maxRecvBytes())
              : MAX_INBOUND_MESSAGE_BYTES)
          // A load call's completion only records and issues the next call, both
          // non-blocking: running it on the transport's thread saves a hand-off per call.
          .directExecutor()
          // Every call is measured as sent: no replay buffer, no retry hidden from the report.
          .disableRetry();
      if (!tuning.keepalive().isZero()) {
        builder.keepAliveTime(tuning.keepalive().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveTimeout(tuning.keepalive().toNanos(), TimeUnit.NANOSECONDS);
      }
      if (ssl == null) {
        builder.usePlaintext();
      } else {
        builder.sslContext(ssl).negotiationType(NegotiationType.TLS);
      }
      if (settings.authority() != null) {
        builder.overrideAuthority(settings.authority());
      }
      channels.add(builder.build());
    }
    return new ChannelPool(settings, channels, eventLoop);
  }

  /** A name resolved by DNS when a balancing policy is asked for, else the one address. */
  private static NettyChannelBuilder builderFor(ChannelSettings settings) {
    String policy = settings.tuning().lbStrategy();
    if (policy == null) {
      return NettyChannelBuilder.forAddress(settings.host(), settings.port());
    }
    if (LoadBalancerRegistry.getDefaultRegistry().getProvider(policy) == null) {
      throw new IllegalArgumentException("--lb-strategy: no load-balancing policy named '"
          + policy + "' (grpc-java has pick_first and round_robin)");
    }
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(
        ChannelSettings.DNS_SCHEME + settings.target());
    builder.defaultLoadBalancingPolicy(policy);
    return builder;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "convoy-load-netty-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The channel worker {@code worker} uses. */
  public Channel channel(int worker) {
    return channels.get(Math.floorMod(worker, channels.size()));
  }

  public List<? extends Channel> channels() {
    return channels;
  }

  public ChannelSettings settings() {
    return settings;
  }

  /**
   * Connects every channel and fails fast if one cannot reach the server, so a wrong address
   * gives one clear message instead of a report full of UNAVAILABLE.
   */
  public void awaitReady() throws ServerUnreachableException, InterruptedException {
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    for (ManagedChannel channel : channels) {
      awaitReady(channel, deadline);
    }
  }

  private void awaitReady(ManagedChannel channel, long deadlineNanos)
      throws ServerUnreachableException, InterruptedException {
    BlockingQueue<ConnectivityState> changes = new LinkedBlockingQueue<>();
    ConnectivityState state = channel.getState(true);
    while (state != ConnectivityState.READY) {
      if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) {
        throw unreachable("the connection failed");
      }
      ConnectivityState seen = state;
      channel.notifyWhenStateChanged(seen, () -> changes.add(channel.getState(false)));
      ConnectivityState next =
          changes.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw unreachable("no connection within " + settings.connectTimeout().toMillis() + " ms");
      }
      state = next == ConnectivityState.IDLE ? channel.getState(true) : next;
    }
  }

  private ServerUnreachableException unreachable(String why) {
    String hint =
        settings.insecure()
            ? "is the server running there?"
            : "is the server running there, and does it speak TLS? Add --insecure for a"
                + " plaintext server";
    return new ServerUnreachableException(
        "cannot connect to " + settings.target() + ": " + why + " (" + hint + ")");
  }

  private static SslContext sslContext(ChannelSettings settings) {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (settings.skipTlsVerify()) {
        builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
      } else if (settings.caCert() != null) {
        builder.trustManager(readable(settings.caCert(), "--cacert").toFile());
      }
      if (settings.cert() != null) {
        builder.keyManager(
            readable(settings.cert(), "--cert").toFile(),
            readable(settings.key(), "--key").toFile());
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static Path readable(Path path, String option) {
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(
          option + " file " + path + " does not exist or cannot be read");
    }
    return path;
  }

  /** Ends every call in flight at once, as ghz closes its connections. */
  public void closeNow() {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
    }
    close();
  }

  /** Shuts every channel down, waiting briefly for in-flight calls. */
  @Override
  public void close() {
    for (ManagedChannel channel : channels) {
      channel.shutdown();
    }
    for (ManagedChannel channel : channels) {
      try {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        channel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
