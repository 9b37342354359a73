package dev.convoy.router.balance;

import java.util.List;

/** Picks the backend for one request among those that can take it. */
public interface BackendChooser {
  /**
   * @param candidates backends that serve the request's model, not empty
   * @return one of {@code candidates}
   */
  <T extends Candidate> T choose(List<T> candidates);

  /** The configuration name of the policy: {@code p2c} or {@code gpu-first}. */
  String policyName();
}
