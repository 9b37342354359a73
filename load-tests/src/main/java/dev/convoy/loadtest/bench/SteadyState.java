package dev.convoy.loadtest.bench;

import java.time.Duration;

/**
 * When a target process is warm: the JIT keeps compiling for tens of seconds under load (on two
 * cores a server's compiler threads took half its CPU 20 s after start), so a fixed warm-up
 * leaves some processes measured cold. Warm-up runs in slices until at least the minimum time
 * has passed and two successive slices' throughputs agree within {@link #TOLERANCE}, or until
 * {@link #MAX_FACTOR} times the minimum.
 */
final class SteadyState {
  static final Duration SLICE = Duration.ofSeconds(1);
  static final double TOLERANCE = 0.05;
  static final int MAX_FACTOR = 6;

  private final Duration minimum;
  private Duration elapsed = Duration.ZERO;
  private double previous = -1;
  private boolean steady;

  SteadyState(Duration minimum) {
    this.minimum = minimum;
  }

  /** Records one slice's throughput; true when warm-up is over. */
  boolean afterSlice(Duration length, double callsPerSecond) {
    elapsed = elapsed.plus(length);
    steady = previous > 0 && Math.abs(callsPerSecond - previous) <= TOLERANCE * previous;
    previous = callsPerSecond;
    return (steady && elapsed.compareTo(minimum) >= 0) || elapsed.compareTo(minimum.multipliedBy(MAX_FACTOR)) >= 0;
  }

  /** Whether the last two slices agreed (false when warm-up stopped at its cap). */
  boolean steady() {
    return steady;
  }

  Duration elapsed() {
    return elapsed;
  }
}
