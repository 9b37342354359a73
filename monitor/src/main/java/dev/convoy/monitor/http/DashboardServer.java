package dev.convoy.monitor.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /} (the dashboard page) and {@code GET /api/...} (its data, from
 * {@link DashboardData}) on the JDK's HTTP server, on a bounded executor of the caller's.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
  private static final int MAX_PARAMETER = 256;

  private final HttpServer server;

  private DashboardServer(HttpServer server) {
    this.server = server;
  }

  /** Binds {@code address} (port 0 picks a free one): plain HTTP, open to anyone who reaches it. */
  public static DashboardServer start(InetSocketAddress address, DashboardData data, ExecutorService executor) {
    return start(address, data, executor, Optional.empty(), Optional.empty());
  }

  /**
   * As above, over HTTPS when {@code https} is given, and letting in only the callers
   * {@code access} lets in.
   */
  public static DashboardServer start(InetSocketAddress address, DashboardData data, ExecutorService executor,
      Optional<HttpsConfigurator> https, Optional<Authenticator> access) {
    HttpServer server;
    try {
      if (https.isPresent()) {
        HttpsServer secure = HttpsServer.create(address, 0);
        secure.setHttpsConfigurator(https.get());
        server = secure;
      } else {
        server = HttpServer.create(address, 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the dashboard on " + address, e);
    }
    byte[] page = page();
    HttpContext root = server.createContext("/", exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 200, "text/html; charset=utf-8", page);
      }
    });
    HttpContext api = server.createContext("/api/", exchange -> api(exchange, data));
    access.ifPresent(check -> {
      root.setAuthenticator(check);
      api.setAuthenticator(check);
    });
    server.setExecutor(executor);
    server.start();
    return new DashboardServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void api(HttpExchange exchange, DashboardData data) throws IOException {
    try {
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String json = switch (exchange.getRequestURI().getPath()) {
        case "/api/models" -> data.models();
        case "/api/reports" -> data.reports(required(query, "model"), query.getOrDefault("version", ""));
        case "/api/histograms" -> data.histograms(required(query, "model"), required(query, "version"));
        case "/api/alerts" -> data.alerts();
        default -> null;
      };
      if (json == null) {
        send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      send(exchange, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      log.warn("dashboard {} failed", exchange.getRequestURI().getPath(), e);
      send(exchange, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("query parameter '" + name + "' is required");
    }
    return value;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (value.length() > MAX_PARAMETER) {
          throw new IllegalArgumentException("query parameter too long");
        }
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), value);
      }
    }
    return out;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] page() {
    try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard/index.html")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard page", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
