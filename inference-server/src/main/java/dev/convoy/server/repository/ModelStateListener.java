package dev.convoy.server.repository;

/** Told of every model state change, e.g. to keep the gRPC health service current. */
@FunctionalInterface
public interface ModelStateListener {
  void onStateChange(String model, ModelState state);
}
