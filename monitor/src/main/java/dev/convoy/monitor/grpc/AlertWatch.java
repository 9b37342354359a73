package dev.convoy.monitor.grpc;

import dev.convoy.proto.monitor.v1.Alert;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One WatchAlerts stream: alerts are written while the client keeps up and queued (up to
 * {@link #MAX_BEHIND}) while it does not; a watcher further behind is ended with
 * RESOURCE_EXHAUSTED, so a slow client never holds the monitor back.
 */
final class AlertWatch implements Consumer<Alert> {
  static final int MAX_BEHIND = 1024;

  private final ServerCallStreamObserver<Alert> responses;
  private final String model;
  private final Queue<Alert> queue = new ArrayDeque<>();
  private AutoCloseable subscription;
  private boolean closed;

  AlertWatch(ServerCallStreamObserver<Alert> responses, String model) {
    this.responses = responses;
    this.model = model;
    responses.setOnReadyHandler(this::drain);
    responses.setOnCancelHandler(this::close);
  }

  synchronized void attach(AutoCloseable subscription) {
    this.subscription = subscription;
    if (closed) {
      unsubscribe();
    }
  }

  @Override
  public synchronized void accept(Alert alert) {
    if (closed || (!model.isEmpty() && !model.equals(alert.getModelName()))) {
      return;
    }
    if (queue.size() >= MAX_BEHIND) {
      responses.onError(Status.RESOURCE_EXHAUSTED.withDescription("alert watcher fell more than "
          + MAX_BEHIND + " alerts behind").asRuntimeException());
      close();
      return;
    }
    queue.add(alert);
    drain();
  }

  private synchronized void drain() {
    while (!closed && responses.isReady() && !queue.isEmpty()) {
      responses.onNext(queue.poll());
    }
  }

  private synchronized void close() {
    closed = true;
    queue.clear();
    unsubscribe();
  }

  private void unsubscribe() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
