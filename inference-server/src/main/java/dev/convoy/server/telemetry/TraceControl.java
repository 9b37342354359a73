package dev.convoy.server.telemetry;

import dev.convoy.server.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Triton's trace settings, global and per model, changed at run time (the TraceSetting RPC) and
 * applied by {@link TraceSampler}: {@code trace_level} OFF or TIMESTAMPS, {@code trace_rate}
 * (one request in N traced), {@code trace_count} (traces left, -1 for no limit).
 * {@code log_frequency} and {@code trace_file} are reported as Triton reports them in its
 * OpenTelemetry mode (0 and empty) and cannot be changed: spans go where OpenTelemetry exports
 * them. A model's first own setting copies the global ones it does not name; a setting given
 * with no value clears the model's own, so the global one applies again.
 */
public final class TraceControl {
  public static final String LEVEL = "trace_level";
  public static final String RATE = "trace_rate";
  public static final String COUNT = "trace_count";
  public static final String LOG_FREQUENCY = "log_frequency";
  public static final String FILE = "trace_file";
  /** In the order TraceSetting reports them. */
  private static final List<String> NAMES = List.of(LEVEL, RATE, COUNT, LOG_FREQUENCY, FILE);
  private static final String OFF = "OFF";
  private static final String TIMESTAMPS = "TIMESTAMPS";

  private final Rule global;
  private final Map<String, Rule> models = new ConcurrentHashMap<>();

  /** Convoy's defaults: every request traced (where a trace exporter is configured), no limit. */
  public TraceControl() {
    this.global = new Rule(Map.of(LEVEL, TIMESTAMPS, RATE, "1", COUNT, "-1", LOG_FREQUENCY, "0", FILE, ""));
  }

  /** The settings in force for {@code model} ("" for the global ones), as TraceSetting reports them. */
  public Map<String, List<String>> settings(String model) {
    Rule rule = model.isEmpty() ? global : models.getOrDefault(model, global);
    Map<String, String> values = effective(rule);
    Map<String, List<String>> reported = new LinkedHashMap<>();
    for (String name : NAMES) {
      reported.put(name, List.of(name.equals(COUNT) ? Long.toString(rule.remaining.get()) : values.get(name)));
    }
    return reported;
  }

  /**
   * Applies {@code changes} to the global settings ({@code model} empty) or to one model's, all
   * or none.
   *
   * @throws InvalidInputException naming the first setting that is unknown or has a bad value
   */
  public synchronized void update(String model, Map<String, List<String>> changes) {
    Map<String, String> set = new LinkedHashMap<>();
    List<String> cleared = new java.util.ArrayList<>();
    changes.forEach((name, values) -> {
      if (!NAMES.contains(name)) {
        throw new InvalidInputException("unknown trace setting '" + name + "'; known: " + NAMES);
      }
      if (values.isEmpty()) {
        if (model.isEmpty()) {
          throw new InvalidInputException("trace setting '" + name + "': a global setting needs a value");
        }
        cleared.add(name);
      } else {
        set.put(name, validated(name, values));
      }
    });
    if (model.isEmpty()) {
      global.change(set, List.of());
      return;
    }
    Rule rule = models.computeIfAbsent(model, m -> new Rule(effective(global)));
    rule.change(set, cleared);
  }

  /** Whether a root span of an inference call is to be sampled, by the global settings. */
  boolean sampleRoot() {
    return take(global);
  }

  /** Whether a request for {@code model} is to be traced, where it has settings of its own. */
  Decision sampleModel(String model) {
    Rule rule = models.get(model);
    if (rule == null) {
      return Decision.GLOBAL;
    }
    return take(rule) ? Decision.SAMPLE : Decision.DROP;
  }

  enum Decision { GLOBAL, SAMPLE, DROP }

  private boolean take(Rule rule) {
    Map<String, String> values = effective(rule);
    if (values.get(LEVEL).equals(OFF)) {
      return false;
    }
    if (rule.seen.getAndIncrement() % Long.parseLong(values.get(RATE)) != 0) {
      return false;
    }
    return rule.remaining.get() < 0 || rule.remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
  }

  private Map<String, String> effective(Rule rule) {
    if (rule == global) {
      return global.values;
    }
    Map<String, String> values = new LinkedHashMap<>(global.values);
    values.putAll(rule.values);
    return values;
  }

  private static String validated(String name, List<String> values) {
    if (name.equals(LEVEL)) {
      for (String level : values) {
        if (!level.equals(OFF) && !level.equals(TIMESTAMPS)) {
          throw new InvalidInputException("trace setting 'trace_level': " + Bounded.of(level)
              + " is not supported; OFF or TIMESTAMPS (spans carry timestamps, not tensors)");
        }
      }
      return values.contains(TIMESTAMPS) ? TIMESTAMPS : OFF;
    }
    if (values.size() != 1) {
      throw new InvalidInputException("trace setting '" + name + "' takes one value, got " + values.size());
    }
    String value = values.get(0);
    return switch (name) {
      case RATE -> number(name, value, 1);
      case COUNT -> number(name, value, -1);
      case LOG_FREQUENCY -> fixed(name, value, "0");
      default -> fixed(name, value, "");
    };
  }

  private static String number(String name, String value, long least) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= least) {
        return Long.toString(parsed);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("trace setting '" + name + "' must be an integer of at least " + least
        + ", got " + Bounded.of(value));
  }

  private static String fixed(String name, String value, String only) {
    if (!value.equals(only)) {
      throw new InvalidInputException("trace setting '" + name + "' cannot be changed: spans are exported by "
          + "OpenTelemetry (OTEL_EXPORTER_OTLP_*), not written to files");
    }
    return value;
  }

  /** One scope's values (global: all; a model: its own) and its sampling state. */
  private static final class Rule {
    private volatile Map<String, String> values;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong remaining;

    Rule(Map<String, String> values) {
      this.values = Map.copyOf(values);
      this.remaining = new AtomicLong(Long.parseLong(values.get(COUNT)));
    }

    void change(Map<String, String> set, List<String> cleared) {
      Map<String, String> next = new LinkedHashMap<>(values);
      next.putAll(set);
      cleared.forEach(next::remove);
      values = Map.copyOf(next);
      if (set.containsKey(RATE)) {
        seen.set(0);
      }
      if (set.containsKey(COUNT) || cleared.contains(COUNT)) {
        remaining.set(next.containsKey(COUNT) ? Long.parseLong(next.get(COUNT)) : -1);
      }
    }
  }

  /** Client strings cut short for error messages. */
  private static final class Bounded {
    private static final int MAX = 64;

    static String of(String value) {
      String cut = value.length() <= MAX ? value : value.substring(0, MAX) + "...";
      return "'" + cut + "'";
    }
  }
}
