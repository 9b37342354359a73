package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.input.RowsCsv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs at most one inference server at a time, so that a server idling between its rows takes
 * no CPU from the row being measured: consecutive rows on the same (model, variant) share one
 * server; a row on another one, or an in-process row, stops it first. A (model, variant) that
 * failed to start is not retried: its later rows get the same reason.
 */
public final class ServerHost implements AutoCloseable {

  private final Path sourceRepository;
  private final RowsCsv rows;
  private final Map<String, String> failures = new HashMap<>();
  private String currentKey;
  private RunningServer current;

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
    String key = model + "/" + variant.name();
    if (key.equals(currentKey)) {
      return current;
    }
    String failed = failures.get(key);
    if (failed != null) {
      throw new NotRunException(failed);
    }
    stop();
    try {
      current = RunningServer.start(sourceRepository, model, variant, rows);
      currentKey = key;
      return current;
    } catch (NotRunException e) {
      failures.put(key, e.getMessage());
      throw e;
    }
  }

  /** Stops the running server, if any. */
  public void stop() {
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
