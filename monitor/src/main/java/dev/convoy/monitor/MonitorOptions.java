package dev.convoy.monitor;

import dev.convoy.monitor.engine.EngineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a monitor is started, validated once.
 *
 * @param port gRPC port; 0 picks a free one
 * @param httpPort dashboard port; 0 picks a free one, -1 serves none
 * @param database the H2 database file (without {@code .mv.db})
 * @param references reference CSV files by "model/version", loaded at start
 * @param webhook where alert transitions are POSTed, if anywhere
 * @param tick how often time windows are closed and the retention applied
 */
public record MonitorOptions(String host, int port, int httpPort, Path database, EngineSettings engine,
    Map<String, Path> references, Optional<URI> webhook, Duration tick) {
  public MonitorOptions {
    references = Map.copyOf(references);
    checkPort("port", port, false);
    checkPort("http port", httpPort, true);
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive, got " + tick);
    }
  }

  private static void checkPort(String name, int port, boolean noneAllowed) {
    if (port < (noneAllowed ? -1 : 0) || port > 65535) {
      throw new IllegalArgumentException(name + " must be in " + (noneAllowed ? "-1 (none), " : "") + "0..65535, got "
          + port);
    }
  }

  /** "model:version=path" as given on the command line. */
  public static Map.Entry<String, Path> parseReference(String text) {
    int eq = text.indexOf('=');
    int colon = text.indexOf(':');
    if (eq <= 0 || colon <= 0 || colon > eq - 2 || eq == text.length() - 1) {
      throw new IllegalArgumentException("--reference expects MODEL:VERSION=CSV, got '"
          + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'");
    }
    return Map.entry(text.substring(0, colon) + "/" + text.substring(colon + 1, eq), Path.of(text.substring(eq + 1)));
  }

  static List<String> keyParts(String key) {
    int slash = key.lastIndexOf('/');
    return List.of(key.substring(0, slash), key.substring(slash + 1));
  }
}
