package dev.convoy.router.backend;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One backend reached over several connections, one per lane: a forwarded call goes out on the
 * lane of the thread that makes it. The router gives each of its I/O threads a lane, so a call
 * read from a client connection is sent, answered and passed back on that connection's thread
 * and on a backend connection no other thread's clients share: one client flooding its own
 * connection cannot queue another client's calls behind its frames, and no call crosses threads.
 *
 * <p>Connectivity (state and its notifications) is that of the first lane: every lane dials the
 * same address, and the first also carries the probes. Shutdown, backoff and idleness apply to
 * every lane.
 */
public final class LanedChannel extends ManagedChannel {
  private final List<ManagedChannel> lanes;
  private final IntSupplier currentLane;

  /**
   * @param lanes the connections, at least one
   * @param currentLane the calling thread's lane, in {@code [0, lanes.size())}
   */
  public LanedChannel(List<ManagedChannel> lanes, IntSupplier currentLane) {
    if (lanes.isEmpty()) {
      throw new IllegalArgumentException("a laned channel needs at least one lane");
    }
    this.lanes = List.copyOf(lanes);
    this.currentLane = currentLane;
  }

  /** The connection that calls made on the current thread use. */
  ManagedChannel current() {
    return lanes.get(currentLane.getAsInt());
  }

  @Override
  public <Q, A> ClientCall<Q, A> newCall(MethodDescriptor<Q, A> method, CallOptions options) {
    return current().newCall(method, options);
  }

  @Override
  public String authority() {
    return lanes.get(0).authority();
  }

  @Override
  public ConnectivityState getState(boolean requestConnection) {
    if (requestConnection) {
      lanes.forEach(lane -> lane.getState(true));
    }
    return lanes.get(0).getState(false);
  }

  @Override
  public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
    lanes.get(0).notifyWhenStateChanged(source, callback);
  }

  @Override
  public void resetConnectBackoff() {
    lanes.forEach(ManagedChannel::resetConnectBackoff);
  }

  @Override
  public void enterIdle() {
    lanes.forEach(ManagedChannel::enterIdle);
  }

  @Override
  public ManagedChannel shutdown() {
    lanes.forEach(ManagedChannel::shutdown);
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    lanes.forEach(ManagedChannel::shutdownNow);
    return this;
  }

  @Override
  public boolean isShutdown() {
    return lanes.stream().allMatch(ManagedChannel::isShutdown);
  }

  @Override
  public boolean isTerminated() {
    return lanes.stream().allMatch(ManagedChannel::isTerminated);
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (ManagedChannel lane : lanes) {
      if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }
}
