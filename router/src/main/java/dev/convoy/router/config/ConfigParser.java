package dev.convoy.router.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns settings into a {@link RouterConfig}, applying defaults. Unknown keys, repeated
 * single-valued keys and malformed values fail with a {@link ConfigException} that names the
 * setting and where it was written.
 */
public final class ConfigParser {
  /** Keys and their defaults; {@code null}: no default. Iteration order is the documented order. */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  private static final Set<String> REPEATABLE = Set.of("backend", "dns");

  static {
    DEFAULTS.put("host", "0.0.0.0");
    DEFAULTS.put("port", "8000");
    DEFAULTS.put("backend", null);
    DEFAULTS.put("dns", null);
    DEFAULTS.put("dns.refresh", "30s");
    DEFAULTS.put("policy", "p2c");
    DEFAULTS.put("gpu-first.saturation", "1.0");
    DEFAULTS.put("probe.interval", "5s");
    DEFAULTS.put("probe.timeout", "2s");
    DEFAULTS.put("retry.budget.ratio", "0.2");
    DEFAULTS.put("retry.budget.window", "10s");
    DEFAULTS.put("retry.budget.min", "10");
    DEFAULTS.put("ejection.failures", "5");
    DEFAULTS.put("ejection.base", "5s");
    DEFAULTS.put("ejection.max", "2m");
    DEFAULTS.put("ejection.stall-timeout", "500ms");
    DEFAULTS.put("fan-out.timeout", "30s");
    DEFAULTS.put("threads", Integer.toString(defaultThreads()));
    DEFAULTS.put("max-message-mb", "64");
    DEFAULTS.put("shutdown.grace", "10s");
    DEFAULTS.put("wait-for-backends", "0s");
  }

  private final Map<String, String> single = new HashMap<>();
  private final Map<String, String> origins = new HashMap<>();
  private final Map<String, List<Setting>> repeated = new HashMap<>();

  private ConfigParser() {}

  /** The keys the parser knows, in documentation order. */
  public static Set<String> knownKeys() {
    return DEFAULTS.keySet();
  }

  /** @throws ConfigException for the first setting that is unknown or invalid */
  public static RouterConfig parse(Settings settings) {
    ConfigParser parser = new ConfigParser();
    settings.entries().forEach(parser::accept);
    return parser.build();
  }

  private void accept(Setting setting) {
    String key = setting.key();
    if (!DEFAULTS.containsKey(key)) {
      throw new ConfigException(setting.origin() + ": unknown setting '" + key + "'; known: " + DEFAULTS.keySet());
    }
    if (REPEATABLE.contains(key)) {
      repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(setting);
      return;
    }
    if (single.containsKey(key)) {
      throw new ConfigException(setting.origin() + ": '" + key + "' is set twice (first at " + origins.get(key) + ")");
    }
    single.put(key, setting.value());
    origins.put(key, setting.origin());
  }

  private RouterConfig build() {
    Discovery discovery = new Discovery(targets("backend"), targets("dns"), duration("dns.refresh"));
    Balancing balancing = new Balancing(value("policy", BalancePolicy::fromConfigName), number("gpu-first.saturation"));
    ProbeSettings probes = new ProbeSettings(duration("probe.interval"), duration("probe.timeout"));
    RetrySettings retry = new RetrySettings(number("retry.budget.ratio"), duration("retry.budget.window"),
        integer("retry.budget.min"));
    EjectionSettings ejection = new EjectionSettings(integer("ejection.failures"), duration("ejection.base"),
        duration("ejection.max"), duration("ejection.stall-timeout"));
    int maxMessageMb = integer("max-message-mb");
    if (maxMessageMb < 1 || maxMessageMb > 2047) {
      throw new ConfigException(where("max-message-mb") + "max-message-mb must be in 1..2047, got " + maxMessageMb);
    }
    return new RouterConfig(raw("host"), integer("port"), discovery, balancing, probes, retry, ejection,
        duration("fan-out.timeout"), integer("threads"), maxMessageMb << 20, duration("shutdown.grace"),
        duration("wait-for-backends"));
  }

  private List<BackendTarget> targets(String key) {
    List<BackendTarget> targets = new ArrayList<>();
    for (Setting setting : repeated.getOrDefault(key, List.of())) {
      try {
        targets.add(BackendTarget.parse(setting.value()));
      } catch (ConfigException e) {
        throw new ConfigException(setting.origin() + ": " + e.getMessage());
      }
    }
    return targets;
  }

  private String raw(String key) {
    return single.getOrDefault(key, DEFAULTS.get(key));
  }

  private <T> T value(String key, Function<String, T> parse) {
    return withOrigin(key, () -> parse.apply(raw(key)));
  }

  private Duration duration(String key) {
    return value(key, v -> Durations.parse(key, v));
  }

  private int integer(String key) {
    return value(key, v -> {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be an integer, got '" + v + "'");
      }
    });
  }

  private double number(String key) {
    return value(key, v -> {
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be a number, got '" + v + "'");
      }
    });
  }

  private <T> T withOrigin(String key, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ConfigException e) {
      String origin = origins.get(key);
      throw origin == null ? e : new ConfigException(origin + ": " + e.getMessage());
    }
  }

  private String where(String key) {
    String origin = origins.get(key);
    return origin == null ? "" : origin + ": ";
  }

  static int defaultThreads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
