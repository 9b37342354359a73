package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.grpc.ChannelPool;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.ServerUnreachableException;
import dev.convoy.router.Router;
import dev.convoy.router.backend.BackendSnapshot;
import dev.convoy.router.backend.BackendState;
import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.RouterConfig;
import dev.convoy.router.config.Settings;
import io.grpc.Channel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The router ({@code dev.convoy.router.Router}) in this JVM on a loopback port, with one
 * backend: a {@link RunningServer}. Its settings are the router's defaults (p2c, probes every
 * 5 s, its default thread counts) apart from the loopback address, the ephemeral port and a
 * short shutdown grace. Comes with its own client connection, like the server's.
 */
public final class RunningRouter implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final long REFRESH_TIMEOUT_SECONDS = 30;

  private final Router router;
  private final ChannelPool channels;

  private RunningRouter(Router router, ChannelPool channels) {
    this.router = router;
    this.channels = channels;
  }

  /** The router's configuration in front of a backend on {@code backendPort}. */
  static RouterConfig config(int backendPort) {
    return ConfigParser.parse(Settings.parse("""
        host = %s
        port = 0
        backend = %s:%d
        shutdown.grace = 2s
        """.formatted(LOOPBACK, LOOPBACK, backendPort), "convoy-bench"));
  }

  /** What the configuration block says about the router rows. */
  static String describe() {
    RouterConfig config = config(1);
    return "convoy-router in this JVM on " + LOOPBACK + ", one backend (the server), policy "
        + config.balancing().policy().configName() + ", otherwise its defaults; client: 1 HTTP/2"
        + " connection to the router; each router row measured interleaved with its direct twin ("
        + RouterPair.SLICES + " slices each, alternating)";
  }

  /**
   * Starts a router in front of {@code server} and checks that it routes the server's model.
   *
   * @throws NotRunException when the router does not start or does not see the model
   */
  static RunningRouter start(RunningServer server) throws NotRunException, InterruptedException {
    Router router;
    try {
      router = Router.start(config(server.port()));
    } catch (RuntimeException e) {
      throw new NotRunException("router did not start: " + e.getMessage(), e);
    }
    RunningRouter running = new RunningRouter(router,
        ChannelPool.open(ChannelSettings.plaintext(LOOPBACK, router.port())));
    boolean started = false;
    try {
      running.requireRoutable(server.model());
      running.channels.awaitReady();
      started = true;
      return running;
    } catch (ServerUnreachableException e) {
      throw new NotRunException("router failed: " + e.getMessage(), e);
    } finally {
      if (!started) {
        running.close();
      }
    }
  }

  private void requireRoutable(String model) throws NotRunException, InterruptedException {
    if (!routes(model)) {
      // The first probe may have raced the server's start-up: probe once more.
      try {
        router.refreshNow().get(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new NotRunException("router could not probe its backend: " + e.getMessage(), e);
      }
    }
    if (!routes(model)) {
      List<BackendSnapshot> backends = router.backends();
      throw new NotRunException("router does not route " + model + "; backends: "
          + backends.stream().map(b -> b.address() + " " + b.state()
              + (b.reason().isEmpty() ? "" : " (" + b.reason() + ")")).toList());
    }
  }

  private boolean routes(String model) {
    return router.backends().stream()
        .anyMatch(b -> b.state() == BackendState.HEALTHY && b.models().containsKey(model));
  }

  /** The connection(s) the rows' workers call the router over. */
  public List<? extends Channel> channels() {
    return channels.channels();
  }

  /** Closes the connection and stops the router (its backend keeps running). */
  @Override
  public void close() {
    try {
      channels.close();
    } finally {
      router.close();
    }
  }
}
