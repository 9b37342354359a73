package dev.convoy.server.repository;

/** A model's state as RepositoryIndex reports it (Triton's state names). */
public enum ModelState {
  LOADING,
  READY,
  UNLOADING,
  /** Not loaded yet, unloaded, or its load failed; the reason says which. */
  UNAVAILABLE
}
