package dev.convoy.router;

import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread the router owns, each pool of fixed size with named threads:
 * {@code convoy-router-accept} (accepts connections), {@code convoy-router-io} (network I/O,
 * client and server side, and the call handlers and backend call callbacks, which never
 * block), {@code convoy-router-backend} (the backend channels' blocking work, such as resolving
 * a backend's host name) and {@code convoy-router-scheduler} (probes and DNS refresh; it blocks
 * on name resolution).
 *
 * <p>The I/O threads are numbered lanes: each keeps its own connection to every backend, so the
 * calls it reads from its client connections never leave it (see {@code LanedChannel}).
 */
final class RouterThreads {
  private final EventLoopGroup accept;
  private final EventLoopGroup io;
  private final List<EventLoop> ioLoops;
  private final AtomicInteger nextForeignLane = new AtomicInteger();
  private final ExecutorService offload;
  private final ScheduledThreadPoolExecutor scheduler;

  RouterThreads(int offloadThreads) {
    this.accept = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("convoy-router-accept", true),
        NioIoHandler.newFactory());
    this.io = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("convoy-router-io", true), NioIoHandler.newFactory());
    List<EventLoop> loops = new ArrayList<>();
    io.forEach(loop -> loops.add((EventLoop) loop));
    this.ioLoops = List.copyOf(loops);
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

  /** The I/O event loops, one per lane. */
  List<EventLoop> ioLoops() {
    return ioLoops;
  }

  /** The calling thread's lane: its I/O loop's number, or the lanes in turn for other threads. */
  int currentIoLane() {
    int lane = ownLane();
    return lane >= 0 ? lane : Math.floorMod(nextForeignLane.getAndIncrement(), ioLoops.size());
  }

  /**
   * Runs {@code task} on the calling I/O thread once it has handled everything its turn read,
   * from every connection; on any other thread, at once.
   */
  void afterRead(Runnable task) {
    int lane = ownLane();
    if (lane >= 0) {
      ioLoops.get(lane).execute(task);
    } else {
      task.run();
    }
  }

  /** The calling thread's I/O loop's number; -1 if it is not an I/O thread. */
  private int ownLane() {
    for (int lane = 0; lane < ioLoops.size(); lane++) {
      if (ioLoops.get(lane).inEventLoop()) {
        return lane;
      }
    }
    return -1;
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
