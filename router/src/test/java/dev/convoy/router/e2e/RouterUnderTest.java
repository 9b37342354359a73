package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.router.ListBackendsRequest;
import dev.convoy.proto.router.ListBackendsResponse;
import dev.convoy.proto.router.RouterAdminGrpc;
import dev.convoy.router.Router;
import dev.convoy.router.RouterEnvironment;
import dev.convoy.router.backend.BackendSnapshot;
import dev.convoy.router.backend.BackendState;
import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.RouterConfig;
import dev.convoy.router.config.Settings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A router on an ephemeral loopback port and a client channel to it. Periodic probes are
 * effectively off (once an hour): tests refresh explicitly with {@link Router#refreshNow}.
 * The probe timeout is generous because the first probes of a test run pay for class loading
 * and connection set-up on a busy machine; a backend that is down fails its probe at once.
 */
final class RouterUnderTest implements AutoCloseable {
  private static final String BASE = """
      host = 127.0.0.1
      port = 0
      probe.interval = 1h
      probe.timeout = 10s
      threads = 4
      shutdown.grace = 5s
      """;

  final Router router;
  final ManagedChannel channel;

  /** @param settings extra lines of the settings format: backends, policy, ... */
  RouterUnderTest(String settings) {
    this(settings, RouterEnvironment.system());
  }

  RouterUnderTest(String settings, RouterEnvironment environment) {
    this(settings, environment, OpenTelemetry.noop());
  }

  /** @param openTelemetry what the router traces and measures with */
  RouterUnderTest(String settings, RouterEnvironment environment, OpenTelemetry openTelemetry) {
    RouterConfig config = ConfigParser.parse(Settings.parse(BASE + settings, "test"));
    router = Router.start(config, environment, openTelemetry);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", router.port()).usePlaintext().build();
  }

  GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  GRPCInferenceServiceGrpc.GRPCInferenceServiceStub asyncStub() {
    return GRPCInferenceServiceGrpc.newStub(channel);
  }

  ListBackendsResponse listBackends() {
    return RouterAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .listBackends(ListBackendsRequest.getDefaultInstance());
  }

  BackendSnapshot backend(String address) {
    return router.backends().stream().filter(b -> b.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no backend " + address + " in " + router.backends()));
  }

  void refresh() {
    router.refreshNow().join();
  }

  /**
   * Refreshes until the backend reaches {@code state}: a restarted server needs a reconnect,
   * which is real network state. Fails after {@code limit}.
   */
  void refreshUntil(String address, BackendState state, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      refresh();
      if (backend(address).state() == state) {
        return;
      }
      assertThat(System.nanoTime()).as("%s to become %s: %s", address, state, backend(address))
          .isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    router.close();
  }
}
