package dev.convoy.loadtest.testing;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A real Netty server on 127.0.0.1 and an ephemeral port, recording request headers. */
public final class LoopbackServer implements AutoCloseable {

  /**
   * The TLS-against-plaintext test makes the server log a failed handshake at INFO; held here
   * so the level sticks (java.util.logging keeps loggers weakly).
   */
  private static final Logger TRANSPORT_LOG = quiet("io.grpc.netty.shaded.io.grpc.netty");

  private final Server server;
  private final Queue<Metadata> headers = new ConcurrentLinkedQueue<>();

  private LoopbackServer(BindableService service) throws IOException {
    ServerInterceptor recordHeaders = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata requestHeaders, ServerCallHandler<Q, R> next) {
        if (headers.size() < 16) {
          headers.add(requestHeaders);
        }
        return next.startCall(call, requestHeaders);
      }
    };
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(service, recordHeaders))
        .build()
        .start();
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  public static LoopbackServer start(BindableService service) throws IOException {
    return new LoopbackServer(service);
  }

  public int port() {
    return server.getPort();
  }

  /** {@code 127.0.0.1:port}, as the command line takes it. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  /** Headers of the first calls. */
  public Queue<Metadata> headers() {
    return headers;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
