package dev.convoy.monitor.engine;

import dev.convoy.monitor.alert.AlertSink;
import dev.convoy.proto.monitor.v1.Alert;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every alert transition delivered to it. */
public final class RecordingSink implements AlertSink {
  public final List<Alert> alerts = new CopyOnWriteArrayList<>();

  @Override
  public void deliver(Alert alert) {
    alerts.add(alert);
  }
}
