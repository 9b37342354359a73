package dev.convoy.monitor.alert;

import dev.convoy.proto.monitor.v1.Alert;
import java.time.Instant;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per transition: firing as a warning, the rest as information. */
public final class LogAlertSink implements AlertSink {
  private static final Logger log = LoggerFactory.getLogger("dev.convoy.monitor.alerts");

  @Override
  public void deliver(Alert alert) {
    String top = alert.getTopFeaturesList().stream()
        .map(f -> f.getFeature() + " psi=" + String.format("%.3f", f.getPsi()))
        .collect(Collectors.joining(", "));
    String line = String.format("alert %s %s: %s/%s %s%s=%.4f threshold %s window %s..%s top [%s]",
        alert.getState(), alert.getAlertId(), alert.getModelName(), alert.getModelVersion(), alert.getMetric(),
        alert.getFeature().isEmpty() ? "" : "@" + alert.getFeature(), alert.getValue(), alert.getThreshold(),
        instant(alert.getWindowStartUnixNanos()), instant(alert.getWindowEndUnixNanos()), top);
    if (alert.getState() == Alert.State.FIRING) {
      log.warn(line);
    } else {
      log.info(line);
    }
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }
}
