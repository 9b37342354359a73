package dev.convoy.router.balance;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Power of two choices: sample two distinct candidates uniformly, keep the one that would be
 * less loaded with the request, by {@code (outstanding + 1) / weight} (see
 * {@link Candidate#compareLoad}). A tie goes to one of the two with probability proportional
 * to its weight.
 */
public final class PowerOfTwoChooser implements BackendChooser {
  private final RandomGenerator random;

  /** @param random thread-safe when the chooser is shared between threads */
  public PowerOfTwoChooser(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public <T extends Candidate> T choose(List<T> candidates) {
    int n = candidates.size();
    if (n == 0) {
      throw new IllegalArgumentException("no candidates");
    }
    if (n == 1) {
      return candidates.get(0);
    }
    int first = random.nextInt(n);
    int second = random.nextInt(n - 1);
    if (second >= first) {
      second++;
    }
    return better(candidates.get(first), candidates.get(second));
  }

  /** The one of two candidates that would be less loaded; a tie is broken at random, weighted by weight. */
  <T extends Candidate> T better(T a, T b) {
    int order = Candidate.compareLoad(a, b);
    if (order != 0) {
      return order < 0 ? a : b;
    }
    return random.nextLong((long) a.weight() + b.weight()) < a.weight() ? a : b;
  }

  @Override
  public String policyName() {
    return "p2c";
  }
}
