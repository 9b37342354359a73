package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.input.RowsCsv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs at most one inference server at a time, so that a server idling between its rows takes
 * no CPU from the row being measured: consecutive rows on the same (model, variant) share one
 * server; a row on another one, or an in-process row, stops it first. A (model, variant) that
 * failed to start is not retried: its later rows get the same reason. A router in front of the
 * running server ({@link #route}) lives as long as that server, so the rows that call the server
 * directly and those that go through the router run side by side under the same conditions.
 */
public final class ServerHost implements AutoCloseable {

  private final Path sourceRepository;
  private final RowsCsv rows;
  private final Map<String, String> failures = new HashMap<>();
  private String currentKey;
  private RunningServer current;
  private RunningRouter router;
  private String routerFailure;

  ServerHost(Path sourceRepository, RowsCsv rows) {
    this.sourceRepository = sourceRepository;
    this.rows = rows;
  }

  /**
   * The server for {@code model} configured as {@code variant}, started if needed.
   *
   * @throws NotRunException when the server or the model does not come up, with the reason
   */
  public RunningServer serve(String model, ModelVariant variant)
      throws NotRunException, InterruptedException {
    return serve(model, variant, false);
  }

  /**
   * As {@link #serve(String, ModelVariant)}, the server tracing every span to a loopback OTLP
   * receiver when {@code traced}.
   */
  public RunningServer serve(String model, ModelVariant variant, boolean traced)
      throws NotRunException, InterruptedException {
    String key = model + "/" + variant.name() + (traced ? "/traced" : "");
    if (key.equals(currentKey)) {
      return current;
    }
    String failed = failures.get(key);
    if (failed != null) {
      throw new NotRunException(failed);
    }
    stop();
    try {
      current = RunningServer.start(sourceRepository, model, variant, rows, traced);
      currentKey = key;
      return current;
    } catch (NotRunException e) {
      failures.put(key, e.getMessage());
      throw e;
    }
  }

  /**
   * A router in front of the server for {@code model} configured as {@code variant}, both
   * started if needed.
   *
   * @throws NotRunException when the server or the router does not come up, with the reason
   */
  public RunningRouter route(String model, ModelVariant variant)
      throws NotRunException, InterruptedException {
    RunningServer server = serve(model, variant);
    if (routerFailure != null) {
      throw new NotRunException(routerFailure);
    }
    if (router == null) {
      try {
        router = RunningRouter.start(server);
      } catch (NotRunException e) {
        routerFailure = e.getMessage();
        throw e;
      }
    }
    return router;
  }

  /** Stops the running server, and the router in front of it, if any. */
  public void stop() {
    routerFailure = null;
    if (router != null) {
      RunningRouter stopping = router;
      router = null;
      stopping.close();
    }
    if (current != null) {
      RunningServer stopping = current;
      current = null;
      currentKey = null;
      stopping.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
