package dev.convoy.router.config;

import java.util.Locale;

/**
 * A backend address with its capacity: {@code host:port[,kind=GPU|CPU][,weight=N]}.
 * For a DNS source the host is the name to resolve and every address it yields gets this
 * port, kind and weight.
 *
 * @param weight capacity relative to other backends, roughly the concurrent requests the
 *     backend handles well; the balancer compares outstanding requests divided by weight
 */
public record BackendTarget(String host, int port, BackendKind kind, int weight) {
  public static final int MAX_WEIGHT = 1_000_000;

  public BackendTarget {
    if (host == null || host.isBlank()) {
      throw new ConfigException("backend host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new ConfigException("backend '" + host + "': port must be in 1..65535, got " + port);
    }
    if (kind == null) {
      throw new ConfigException("backend '" + host + "': kind is missing");
    }
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new ConfigException("backend '" + host + "': weight must be in 1.." + MAX_WEIGHT + ", got " + weight);
    }
  }

  /** {@code host:port}, with an IPv6 literal in brackets. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public BackendTarget withHost(String newHost) {
    return new BackendTarget(newHost, port, kind, weight);
  }

  /**
   * Parses {@code host:port[,kind=GPU|CPU][,weight=N]}; kind defaults to CPU and weight to 1.
   *
   * @throws ConfigException naming what is wrong with {@code spec}
   */
  public static BackendTarget parse(String spec) {
    String[] parts = spec.trim().split(",");
    String hostPort = parts[0].trim();
    BackendKind kind = BackendKind.CPU;
    int weight = 1;
    for (int i = 1; i < parts.length; i++) {
      String option = parts[i].trim();
      int eq = option.indexOf('=');
      if (eq < 0) {
        throw new ConfigException("backend '" + spec + "': expected key=value after the address, got '" + option + "'");
      }
      String key = option.substring(0, eq).trim();
      String value = option.substring(eq + 1).trim();
      switch (key) {
        case "kind" -> kind = parseKind(spec, value);
        case "weight" -> weight = parseInt(spec, "weight", value);
        default -> throw new ConfigException("backend '" + spec + "': unknown option '" + key + "'; known: kind, weight");
      }
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new ConfigException("backend '" + spec + "': expected host:port");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new BackendTarget(host, parseInt(spec, "port", hostPort.substring(colon + 1)), kind, weight);
  }

  private static BackendKind parseKind(String spec, String value) {
    try {
      return BackendKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("backend '" + spec + "': kind must be GPU or CPU, got '" + value + "'");
    }
  }

  private static int parseInt(String spec, String what, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("backend '" + spec + "': " + what + " must be an integer, got '" + value + "'");
    }
  }
}
