package dev.convoy.loadtest.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When a target process is warm: the JIT keeps compiling for tens of seconds under load (on two
 * cores a server's C2 thread took half a core 30 s after start, and two slices' throughputs
 * agreed within 5% while it did), so neither a fixed warm-up nor steady throughput alone leaves
 * every process measured warm. Warm-up runs in slices until at least the minimum time has
 * passed, two successive slices' throughputs agree within {@link #TOLERANCE} and the targets'
 * JIT compiler threads used at most {@link #QUIET_COMPILER_SHARE} of a core over the last
 * {@link #QUIET_SLICES} slices (fewer at the start); or until the cap. One slice is too short a
 * view of the JIT: a monitor's C2 compiled in bursts of 100-650 ms with quiet seconds between
 * them for over two minutes.
 */
final class SteadyState {
  static final Duration SLICE = Duration.ofSeconds(1);
  static final double TOLERANCE = 0.05;
  static final double QUIET_COMPILER_SHARE = 0.05;
  static final int QUIET_SLICES = 3;

  private final Duration minimum;
  private final Duration cap;
  private Duration elapsed = Duration.ZERO;
  private final Deque<Slice> recent = new ArrayDeque<>();
  private double previous = -1;
  private boolean steady;

  private record Slice(Duration length, Duration compiling) {
  }

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
    boolean quiet = compilerQuiet(length, compiling);
    steady = agreed && quiet;
    previous = callsPerSecond;
    return (steady && elapsed.compareTo(minimum) >= 0) || elapsed.compareTo(cap) >= 0;
  }

  /** Records the slice; whether the compilers were quiet over the recent ones. */
  private boolean compilerQuiet(Duration length, Duration compiling) {
    recent.addLast(new Slice(length, compiling));
    if (recent.size() > QUIET_SLICES) {
      recent.removeFirst();
    }
    long sliceNanos = recent.stream().mapToLong(slice -> slice.length().toNanos()).sum();
    long compilerNanos = recent.stream().mapToLong(slice -> slice.compiling().toNanos()).sum();
    return compilerNanos <= QUIET_COMPILER_SHARE * sliceNanos;
  }

  /** Whether the last slice found throughput steady and the JIT quiet (false at the cap). */
  boolean steady() {
    return steady;
  }

  Duration elapsed() {
    return elapsed;
  }
}
