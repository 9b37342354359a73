package dev.convoy.loadtest;

import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.ClientTuning;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** ghz's connection and security flags. */
final class ConnectionFlags {

  @Option(names = "--insecure", arity = "0..1", fallbackValue = "true",
      description = "Use plaintext and insecure connection.")
  boolean insecure;

  @Option(names = "--cacert", paramLabel = "FILE",
      description = "File containing trusted root certificates for verifying the server.")
  Path caCert;

  @Option(names = "--cert", paramLabel = "FILE", description = "File containing client"
      + " certificate (public key), to present to the server. Must also provide --key.")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "File containing client private"
      + " key (PKCS#8 PEM), to present to the server. Must also provide --cert.")
  Path key;

  @Option(names = "--skipTLS", arity = "0..1", fallbackValue = "true", description = "Skip TLS"
      + " client verification of the server's certificate chain and host name.")
  boolean skipTls;

  @Option(names = "--cname", paramLabel = "NAME", description = "Server name override when"
      + " validating TLS certificate - useful for self signed certs.")
  String cname;

  @Option(names = "--authority", paramLabel = "NAME", description = "Value to be used as the"
      + " :authority pseudo-header. Only works if --insecure is used.")
  String authority;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "1",
      description = "Number of connections to use. Concurrency is distributed evenly among all"
          + " the connections. Default is 1.")
  int connections;

  @Option(names = "--connect-timeout", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "10s", description = "Connection timeout for the initial connection"
          + " dial. Default is 10s.")
  Duration connectTimeout;

  @Option(names = "--keepalive", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "0", description = "Keepalive time duration. Only used if present and"
          + " above 0 (grpc-java's least is 10s).")
  Duration keepalive;

  @Option(names = "--cpus", paramLabel = "N",
      description = "Number of cpu cores to use: threads of the client's network event loop"
          + " (default: the cores this JVM sees).")
  Integer cpus;

  @Option(names = "--lb-strategy", paramLabel = "POLICY", description = "Client load"
      + " balancing strategy over the addresses the host resolves to, e.g. round_robin.")
  String lbStrategy;

  @Option(names = "--max-recv-message-size", paramLabel = "SIZE", description = "Maximum"
      + " message size the client can receive, e.g. 4MB, 16MiB (default: 256MiB).")
  String maxRecvMessageSize;

  @Option(names = "--max-send-message-size", paramLabel = "SIZE",
      description = "Maximum message size the client can send.")
  String maxSendMessageSize;

  @Option(names = {"-e", "--enable-compression"}, arity = "0..1", fallbackValue = "true",
      description = "Enable Gzip compression on requests.")
  boolean enableCompression;

  int cpuCount() {
    return cpus != null ? cpus : Runtime.getRuntime().availableProcessors();
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  ChannelSettings settings(String target, int concurrency) {
    if (connections < 1) {
      throw new IllegalArgumentException("--connections must be at least 1");
    }
    if (connections > concurrency) {
      throw new IllegalArgumentException(
          "number of connections cannot be greater than concurrency");
    }
    if (authority != null && !insecure) {
      throw new IllegalArgumentException("--authority only works with --insecure; with TLS,"
          + " --cname sets the name the certificate is checked against");
    }
    if (cpus != null && cpus < 1) {
      throw new IllegalArgumentException("--cpus must be at least 1");
    }
    ClientTuning tuning = new ClientTuning(keepalive, size(maxRecvMessageSize,
        "invalid max call recv message size: "), size(maxSendMessageSize,
        "invalid max call send message size: "), enableCompression,
        lbStrategy == null || lbStrategy.isBlank() ? null : lbStrategy.trim(), cpuCount());
    ChannelSettings.HostAndPort address = ChannelSettings.parseTarget(target);
    String authorityOverride = insecure && authority != null ? authority : cname;
    return new ChannelSettings(address.host(), address.port(), insecure, caCert, cert, key,
        skipTls, authorityOverride, connectTimeout, connections, tuning);
  }

  private static long size(String text, String errorPrefix) {
    if (text == null) {
      return 0;
    }
    try {
      return ByteSizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(errorPrefix + e.getMessage(), e);
    }
  }
}
