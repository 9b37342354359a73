package dev.convoy.loadtest.h2;

import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The raw engine's plaintext HTTP/2 connections (prior knowledge, no upgrade), each with its
 * {@link GrpcClientHandler}, on one event loop per connection up to the number of cores:
 * native epoll where it loads, NIO otherwise.
 */
public final class RawH2Connections implements AutoCloseable {

  private final ChannelSettings settings;
  private final EventLoopGroup group;
  private final List<Channel> channels;
  private final List<GrpcClientHandler> handlers;

  private RawH2Connections(ChannelSettings settings, EventLoopGroup group,
      List<Channel> channels, List<GrpcClientHandler> handlers) {
    this.settings = settings;
    this.group = group;
    this.channels = List.copyOf(channels);
    this.handlers = List.copyOf(handlers);
  }

  /** Whether the native epoll transport is in use (else NIO). */
  public static boolean nativeTransport() {
    return Epoll.isAvailable();
  }

  /**
   * Connects {@code settings.connections()} times and waits for each server's SETTINGS.
   *
   * @throws IllegalArgumentException for TLS settings: this engine is plaintext only
   * @throws ServerUnreachableException when a connection fails or is not ready in time
   */
  public static RawH2Connections open(ChannelSettings settings)
      throws ServerUnreachableException, InterruptedException {
    if (!settings.insecure()) {
      throw new IllegalArgumentException("the raw HTTP/2 engine is plaintext only (--insecure)");
    }
    int threads = Math.min(settings.connections(), settings.tuning().eventLoopThreads());
    IoHandlerFactory io = nativeTransport() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory("convoy-load-h2", true), io);
    List<Channel> channels = new ArrayList<>();
    List<GrpcClientHandler> handlers = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
      for (int i = 0; i < settings.connections(); i++) {
        GrpcClientHandler handler = GrpcClientHandler.create();
        channels.add(connect(settings, group, handler, deadline));
        handlers.add(handler);
      }
    } catch (ServerUnreachableException | InterruptedException | RuntimeException e) {
      new RawH2Connections(settings, group, channels, handlers).close();
      throw e;
    }
    return new RawH2Connections(settings, group, channels, handlers);
  }

  private static Channel connect(ChannelSettings settings, EventLoopGroup group,
      GrpcClientHandler handler, long deadlineNanos)
      throws ServerUnreachableException, InterruptedException {
    ChannelFuture connected = new Bootstrap()
        .group(group)
        .channel(nativeTransport() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.max(1, settings.connectTimeout().toMillis()))
        .handler(handler)
        .connect(settings.host(), settings.port());
    try {
      if (!connected.await(remainingNanos(deadlineNanos), TimeUnit.NANOSECONDS)) {
        throw unreachable(settings, "no connection within "
            + settings.connectTimeout().toMillis() + " ms");
      }
      if (!connected.isSuccess()) {
        throw unreachable(settings, String.valueOf(connected.cause()));
      }
      handler.settingsReceived().get(remainingNanos(deadlineNanos), TimeUnit.NANOSECONDS);
      return connected.channel();
    } catch (ExecutionException e) {
      connected.channel().close();
      throw unreachable(settings, "no HTTP/2 from the server: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      connected.channel().close();
      throw unreachable(settings, "no HTTP/2 SETTINGS from the server within "
          + settings.connectTimeout().toMillis() + " ms");
    }
  }

  private static long remainingNanos(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  private static ServerUnreachableException unreachable(ChannelSettings settings, String why) {
    return new ServerUnreachableException("cannot connect to " + settings.target() + ": " + why
        + " (is a plaintext HTTP/2 gRPC server running there?)");
  }

  /** The :authority calls carry: {@code --cname} if given, else the target. */
  String authority() {
    return settings.authority() != null ? settings.authority() : settings.target();
  }

  /** The connection slot {@code slot} uses: {@code slot % connections}, as ghz spreads them. */
  GrpcClientHandler forSlot(int slot) {
    return handlers.get(Math.floorMod(slot, handlers.size()));
  }

  /** Closes every connection (calls in flight end as Unavailable) and stops the event loops. */
  @Override
  public void close() throws InterruptedException {
    for (Channel channel : channels) {
      channel.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
