package dev.convoy.router.balance;

import dev.convoy.router.config.BackendKind;

/** A candidate with fixed numbers. */
record Load(String name, BackendKind kind, int weight, int outstanding) implements Candidate {
  static Load gpu(String name, int weight, int outstanding) {
    return new Load(name, BackendKind.GPU, weight, outstanding);
  }

  static Load cpu(String name, int weight, int outstanding) {
    return new Load(name, BackendKind.CPU, weight, outstanding);
  }
}
