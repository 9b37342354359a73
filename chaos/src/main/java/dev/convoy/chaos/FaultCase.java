package dev.convoy.chaos;

import dev.convoy.proto.router.BackendStatus;
import dev.convoy.proto.router.ListBackendsRequest;
import dev.convoy.proto.router.RouterAdminGrpc;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Backend faults under load behind the router: one server SIGSTOPped (it hangs, its sockets
 * stay open), then resumed; then the other killed with SIGKILL.
 */
final class FaultCase {
  private static final int CLIENTS = 4;
  private static final long DEADLINE_MILLIS = 2_000;

  private FaultCase() {}

  static CaseResult run(Path root, Path repository, long loadMillis) throws InterruptedException {
    try (Launched a = Launched.server(root, repository, "512m");
        Launched b = Launched.server(root, repository, "512m");
        Launched router = Launched.router(root, a.port(), b.port())) {
      ManagedChannel channel = Channels.to(router.port());
      RouterAdminGrpc.RouterAdminBlockingStub admin = RouterAdminGrpc.newBlockingStub(channel);
      String hung = "127.0.0.1:" + b.port();
      StringBuilder figures = new StringBuilder();
      long lateCalls;
      long failuresAfterKill;
      awaitHealthy(admin, "127.0.0.1:" + a.port());
      awaitHealthy(admin, hung);
      try (WellBehaved load = new WellBehaved(channel, CLIENTS, DEADLINE_MILLIS)) {
        Thread.sleep(loadMillis);
        b.pause();
        long stopped = System.nanoTime();
        long outAfter = -1;
        while (System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(1)) {
          if (outAfter < 0 && backend(admin, hung).getState() != BackendStatus.State.HEALTHY) {
            outAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
          }
          Thread.sleep(10);
        }
        long sentAtOneSecond = sentTo(admin, hung);
        Thread.sleep(loadMillis);
        // A call in flight at one second that ends by its deadline leaves "outstanding" without
        // counting as served or failed, so the difference may be negative: no new call either way.
        lateCalls = Math.max(0, sentTo(admin, hung) - sentAtOneSecond);
        figures.append("  SIGSTOP: out of rotation after ").append(outAfter < 0 ? "more than 1000" : outAfter)
            .append(" ms (").append(backend(admin, hung).getState()).append(" at the end); calls sent to it from 1 s")
            .append(" after it stopped to ").append(1_000 + loadMillis).append(" ms: ").append(lateCalls).append('\n');
        b.resume();
        long backAfter = awaitHealthy(admin, hung);
        figures.append("  resumed: routable again after ").append(backAfter).append(" ms\n");
        long failedBefore = load.failures();
        a.kill();
        Thread.sleep(loadMillis);
        failuresAfterKill = load.failures() - failedBefore;
        figures.append("  SIGKILL of the other backend: ").append(failuresAfterKill)
            .append(" well-behaved calls failed in the ").append(loadMillis).append(" ms after\n");
      } finally {
        Channels.close(channel);
      }
      return new CaseResult("backend SIGSTOP and SIGKILL behind the router", figures.toString(),
          "the hung backend gets no new calls 1 s after it stops answering", lateCalls == 0);
    }
  }

  /** Waits (at most 60 s) until the router finds the backend healthy and not ejected; the milliseconds it took. */
  private static long awaitHealthy(RouterAdminGrpc.RouterAdminBlockingStub admin, String address)
      throws InterruptedException {
    long start = System.nanoTime();
    while (backend(admin, address).getState() != BackendStatus.State.HEALTHY) {
      if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
        throw new IllegalStateException(address + " not healthy after 60 s: " + backend(admin, address));
      }
      Thread.sleep(20);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Calls the router has sent the backend: answered, failed or still outstanding. */
  private static long sentTo(RouterAdminGrpc.RouterAdminBlockingStub admin, String address) {
    BackendStatus status = backend(admin, address);
    return status.getServed() + status.getFailed() + status.getOutstanding();
  }

  private static BackendStatus backend(RouterAdminGrpc.RouterAdminBlockingStub admin, String address) {
    return admin.withDeadlineAfter(5, TimeUnit.SECONDS).listBackends(ListBackendsRequest.getDefaultInstance())
        .getBackendsList().stream().filter(s -> s.getAddress().equals(address)).findFirst()
        .orElseThrow(() -> new IllegalStateException("router does not list " + address));
  }
}
