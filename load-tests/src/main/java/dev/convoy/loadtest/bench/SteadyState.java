package dev.convoy.loadtest.bench;

import java.time.Duration;

/**
 * When a target process is warm: the JIT keeps compiling for tens of seconds under load (on two
 * cores a server's C2 thread took half a core 30 s after start, and two slices' throughputs
 * agreed within 5% while it did), so neither a fixed warm-up nor steady throughput alone leaves
 * every process measured warm. Warm-up runs in slices until at least the minimum time has
 * passed, two successive slices' throughputs agree within {@link #TOLERANCE} and the targets'
 * JIT compiler threads used at most {@link #QUIET_COMPILER_SHARE} of a core in the last slice;
 * or until the cap.
 */
final class SteadyState {
  static final Duration SLICE = Duration.ofSeconds(1);
  static final double TOLERANCE = 0.05;
  static final double QUIET_COMPILER_SHARE = 0.05;

  private final Duration minimum;
  private final Duration cap;
  private Duration elapsed = Duration.ZERO;
  private double previous = -1;
  private boolean steady;

  /** Warm-up of at least {@code minimum}, at most {@code maxFactor} times that. */
  SteadyState(Duration minimum, int maxFactor) {
    this.minimum = minimum;
    this.cap = minimum.multipliedBy(maxFactor);
  }

  /**
   * Records one slice: its throughput and the CPU time the targets' compiler threads used in it
   * (zero where that cannot be read); true when warm-up is over.
   */
  boolean afterSlice(Duration length, double callsPerSecond, Duration compiling) {
    elapsed = elapsed.plus(length);
    boolean agreed = previous > 0 && Math.abs(callsPerSecond - previous) <= TOLERANCE * previous;
    steady = agreed && compiling.toNanos() <= QUIET_COMPILER_SHARE * length.toNanos();
    previous = callsPerSecond;
    return (steady && elapsed.compareTo(minimum) >= 0) || elapsed.compareTo(cap) >= 0;
  }

  /** Whether the last slice found throughput steady and the JIT quiet (false at the cap). */
  boolean steady() {
    return steady;
  }

  Duration elapsed() {
    return elapsed;
  }
}
