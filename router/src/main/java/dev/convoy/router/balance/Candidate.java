package dev.convoy.router.balance;

import dev.convoy.router.config.BackendKind;

/** What the balancer needs to know about a backend. */
public interface Candidate {
  /** Requests sent and not yet answered. */
  int outstanding();

  /** Capacity weight, at least 1. */
  int weight();

  BackendKind kind();

  /**
   * Compares the load each candidate would carry if it took one more request,
   * {@code (outstanding + 1) / weight}, exactly (by cross-multiplication).
   *
   * <p>Counting the request being placed makes weight matter even when backends are idle (an
   * idle weight-3 backend is a better home than an idle weight-1 one), so the busier a
   * cluster's heavier backends may get before the lighter ones are used grows with their
   * weight: at equal latency the outstanding requests settle near the weight ratio.
   */
  static int compareLoad(Candidate a, Candidate b) {
    return Long.compare((a.outstanding() + 1L) * b.weight(), (b.outstanding() + 1L) * a.weight());
  }
}
