package dev.convoy.loadtest.grpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the server.
 *
 * @param host host name or address
 * @param port TCP port
 * @param insecure plaintext HTTP/2 (ghz's {@code --insecure}); otherwise TLS
 * @param caCert PEM file of trusted CAs, or null for the JVM's default trust
 * @param cert PEM client certificate chain for mutual TLS, or null
 * @param key PKCS#8 PEM private key of {@code cert}, or null
 * @param skipTlsVerify trust any server certificate (ghz's {@code --skipTLS})
 * @param authority overrides the authority and the name checked in the server certificate
 *     (ghz's {@code --cname}, or {@code --authority} in plaintext), or null
 * @param connectTimeout how long the start-up connect check waits
 * @param connections number of HTTP/2 connections workers are spread over
 * @param tuning keepalive, message sizes, compression, load balancing, event-loop threads
 */
public record ChannelSettings(
    String host,
    int port,
    boolean insecure,
    Path caCert,
    Path cert,
    Path key,
    boolean skipTlsVerify,
    String authority,
    Duration connectTimeout,
    int connections,
    ClientTuning tuning) {

  public ChannelSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tuning, "tuning");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, got " + connections);
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--cert and --key must be given together");
    }
  }

  /** ghz's scheme for a name resolved to several addresses ({@code --lb-strategy}). */
  public static final String DNS_SCHEME = "dns:///";

  /** Plaintext, one connection, a 10 s connect check: loopback tests and benchmarks. */
  public static ChannelSettings plaintext(String host, int port) {
    return new ChannelSettings(
        host, port, true, null, null, null, false, null, Duration.ofSeconds(10), 1,
        ClientTuning.defaults());
  }

  /**
   * Parses ghz's positional target, {@code host:port} or {@code [v6-address]:port}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static HostAndPort parseTarget(String target) {
    String t = target.trim();
    if (t.startsWith(DNS_SCHEME)) {
      t = t.substring(DNS_SCHEME.length());
    }
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException(
          "target '" + target + "' must be host:port, e.g. localhost:8001");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(t.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return new HostAndPort(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "target '" + target + "' has no valid port (1..65535) after the last ':'");
    }
  }

  /** The target as the user would write it. */
  public String target() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** A parsed {@code host:port}. */
  public record HostAndPort(String host, int port) {}
}
