package dev.convoy.monitor.alert;

import dev.convoy.proto.monitor.v1.Alert;

/** Somewhere alert transitions go. Called on the monitor's writer thread: must not block. */
public interface AlertSink {
  void deliver(Alert alert);
}
