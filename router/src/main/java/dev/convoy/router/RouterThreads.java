package dev.convoy.router;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every thread the router owns, each pool of fixed size with named threads:
 * {@code convoy-router-accept} (accepts connections), {@code convoy-router-io} (network I/O,
 * client and server side, and the call handlers and backend call callbacks, which never
 * block), {@code convoy-router-backend} (the backend channels' blocking work, such as resolving
 * a backend's host name) and {@code convoy-router-scheduler} (probes and DNS refresh; it blocks
 * on name resolution).
 */
final class RouterThreads {
  private final EventLoopGroup accept;
  private final EventLoopGroup io;
  private final ExecutorService offload;
  private final ScheduledThreadPoolExecutor scheduler;

  RouterThreads(int offloadThreads) {
    this.accept = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("convoy-router-accept", true),
        NioIoHandler.newFactory());
    this.io = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("convoy-router-io", true), NioIoHandler.newFactory());
    this.offload = Executors.newFixedThreadPool(offloadThreads, new NamedThreadFactory("convoy-router-backend"));
    this.scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("convoy-router-scheduler"));
    this.scheduler.setRemoveOnCancelPolicy(true);
    this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  EventLoopGroup accept() {
    return accept;
  }

  EventLoopGroup io() {
    return io;
  }

  ExecutorService offload() {
    return offload;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Stops the scheduler, so no probe or refresh starts any more. */
  void stopScheduling() {
    scheduler.shutdownNow();
  }

  /** Stops the rest, once the server and the channels are down; waits for each pool. */
  void close() throws InterruptedException {
    scheduler.shutdownNow();
    offload.shutdown();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
    offload.awaitTermination(5, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    accept.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
  }
}
