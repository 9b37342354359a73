package dev.convoy.router.backend;

/** What a backend may learn of the router's other backends: whether any of them is answering. */
@FunctionalInterface
public interface Peers {
  /** No other backends. */
  Peers NONE = (self, nanos) -> false;

  /** Whether a backend other than {@code self} answered anything after the ticker read {@code nanos}. */
  boolean heardAfter(Backend self, long nanos);
}
