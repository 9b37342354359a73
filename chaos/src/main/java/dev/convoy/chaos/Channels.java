package dev.convoy.chaos;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/** Plaintext loopback channels. */
final class Channels {
  private Channels() {}

  static ManagedChannel to(int port) {
    return builder(port).build();
  }

  /** A channel whose connection has {@code loop} to itself, sharing no I/O thread with the others. */
  static ManagedChannel to(int port, EventLoopGroup loop) {
    return builder(port).eventLoopGroup(loop).channelType(NioSocketChannel.class).build();
  }

  private static NettyChannelBuilder builder(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(128 << 20);
  }

  /** Waits until {@code channel}'s server (a router) reports {@code model} ready; fails after 60 s. */
  static void awaitModel(ManagedChannel channel, String model) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    ModelReadyRequest request = ModelReadyRequest.newBuilder().setName(model).build();
    while (!GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .modelReady(request).getReady()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(model + " not ready after 60 s");
      }
      Thread.sleep(50);
    }
  }

  static void close(ManagedChannel channel) throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
