package dev.convoy.monitor.alert;

import dev.convoy.proto.monitor.v1.Alert;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/** Hands each transition to every current subscriber (the alert streams being watched). */
public final class AlertBroadcaster implements AlertSink {
  private final Set<Consumer<Alert>> subscribers = new CopyOnWriteArraySet<>();

  /** Subscribes; the returned handle unsubscribes. The consumer must not block. */
  public AutoCloseable subscribe(Consumer<Alert> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** Streams watching now. */
  public int subscribers() {
    return subscribers.size();
  }

  @Override
  public void deliver(Alert alert) {
    subscribers.forEach(s -> s.accept(alert));
  }
}
