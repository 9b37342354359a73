package dev.convoy.monitor.alert;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.FeatureDrift;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the rules over window reports, one state machine per (rule, model version):
 * a breach starts an alert PENDING, {@code forWindows} consecutive breaches make it FIRING
 * (once), the first window without a breach RESOLVED. Each window counts once per rule:
 * windows at or before the last one a rule saw are ignored. Windows below the minimum size
 * and windows that lack the metric leave the state as it is. Not thread-safe.
 */
public final class AlertEvaluator {
  private static final int TOP_FEATURES = 5;

  private final List<AlertRule> rules;
  private final Map<StateKey, State> states = new HashMap<>();

  public AlertEvaluator(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<AlertRule> rules() {
    return rules;
  }

  /** The transitions {@code report} causes among the rules fed by {@code source}. */
  public List<Alert> evaluate(WindowReport report, Metric.Source source, double referenceAccuracy, long nowNanos) {
    List<Alert> transitions = new ArrayList<>();
    if (report.getBelowMinimum()) {
      return transitions;
    }
    ModelKey key = new ModelKey(report.getModelName(), report.getModelVersion());
    for (AlertRule rule : rules) {
      if (rule.metric().source() != source) {
        continue;
      }
      State state = states.computeIfAbsent(new StateKey(rule.name(), key), k -> new State());
      if (report.getWindowIndex() <= state.lastWindow) {
        continue;
      }
      Optional<Metric.Measured> measured = rule.metric().measure(report, rule.feature(), referenceAccuracy);
      if (measured.isEmpty()) {
        continue;
      }
      state.lastWindow = report.getWindowIndex();
      step(rule, state, report, measured.get(), nowNanos).ifPresent(transitions::add);
    }
    return transitions;
  }

  /** Alerts pending or firing now. */
  public List<Alert> active() {
    return states.values().stream().filter(s -> s.current != null).map(s -> s.current).toList();
  }

  private Optional<Alert> step(AlertRule rule, State state, WindowReport report, Metric.Measured measured,
      long nowNanos) {
    if (!rule.breached(measured.value())) {
      state.streak = 0;
      if (state.current == null) {
        return Optional.empty();
      }
      Alert resolved = alert(rule, state.current.getAlertId(), Alert.State.RESOLVED, report, measured, nowNanos);
      state.current = null;
      return Optional.of(resolved);
    }
    state.streak++;
    Alert.State next = state.streak >= rule.forWindows() ? Alert.State.FIRING : Alert.State.PENDING;
    if (state.current != null && state.current.getState() == next) {
      return Optional.empty();
    }
    String id = state.current != null ? state.current.getAlertId()
        : rule.name() + "/" + report.getModelName() + "/" + report.getModelVersion() + "/" + report.getWindowIndex();
    state.current = alert(rule, id, next, report, measured, nowNanos);
    return Optional.of(state.current);
  }

  private static Alert alert(AlertRule rule, String id, Alert.State state, WindowReport report,
      Metric.Measured measured, long nowNanos) {
    Metric ranking = rule.metric().perFeature() ? rule.metric() : Metric.PSI;
    List<FeatureDrift> top = report.getFeaturesList().stream()
        .sorted(Comparator.comparingDouble((FeatureDrift f) -> ranking
            .measure(WindowReport.newBuilder().addFeatures(f).build(), Optional.empty(), Double.NaN)
            .map(Metric.Measured::value).orElse(0.0)).reversed())
        .limit(TOP_FEATURES)
        .toList();
    return Alert.newBuilder()
        .setAlertId(id)
        .setRule(rule.name())
        .setState(state)
        .setModelName(report.getModelName())
        .setModelVersion(report.getModelVersion())
        .setMetric(rule.metric().wireName())
        .setFeature(measured.feature())
        .setValue(measured.value())
        .setThreshold(rule.threshold())
        .setWindowStartUnixNanos(report.getStartUnixNanos())
        .setWindowEndUnixNanos(report.getEndUnixNanos())
        .addAllTopFeatures(top)
        .setTimeUnixNanos(nowNanos)
        .build();
  }

  private record StateKey(String rule, ModelKey key) {
  }

  private static final class State {
    long lastWindow = -1;
    int streak;
    Alert current;
  }
}
