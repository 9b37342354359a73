package dev.convoy.batcher;

import java.util.List;

/** What a free instance should do now, as decided by {@link BatchDecider}. */
sealed interface BatchDecision {

  /** Send these requests, as positions in the ordered queue, ascending. */
  record Dispatch(List<Integer> indices) implements BatchDecision {
    public Dispatch {
      indices = List.copyOf(indices);
    }
  }

  /** Nothing to send yet; decide again in {@code nanos} unless something changes first. */
  record Wait(long nanos) implements BatchDecision {}

  /** No request can be sent. */
  record Idle() implements BatchDecision {}
}
