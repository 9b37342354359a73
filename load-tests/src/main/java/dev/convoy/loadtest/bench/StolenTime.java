package dev.convoy.loadtest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The machine's CPU time the hypervisor ran other guests in instead of this one (steal), from
 * the first line of Linux's {@code /proc/stat}: {@code cpu user nice system idle iowait irq
 * softirq steal ...}, in clock ticks summed over every core. A run measured while time was
 * stolen had fewer cores than the header says; its figures are less comparable. Elsewhere
 * (another OS, no such file) it reads nothing.
 */
final class StolenTime {
  /** The fields counted as the machine's time: user through steal (guest time is in user). */
  private static final int FIELDS = 8;
  private static final int STEAL = 7;

  /** Ticks stolen and ticks in all, summed over the cores, since boot. */
  record Reading(long stolen, long total) {}

  private final Path stat;

  StolenTime(Path stat) {
    this.stat = stat;
  }

  /** The running machine's counters. */
  static StolenTime system() {
    return new StolenTime(Path.of("/proc/stat"));
  }

  /** The counters now, or none where they cannot be read. */
  Optional<Reading> read() {
    try (BufferedReader lines = Files.newBufferedReader(stat, StandardCharsets.US_ASCII)) {
      String[] fields = lines.readLine().trim().split("\\s+");
      if (!fields[0].equals("cpu") || fields.length <= FIELDS) {
        return Optional.empty();
      }
      long total = 0;
      for (int i = 1; i <= FIELDS; i++) {
        total += Long.parseLong(fields[i]);
      }
      return Optional.of(new Reading(Long.parseLong(fields[STEAL + 1]), total));
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not its format: the report goes without the figure.
      return Optional.empty();
    }
  }

  /** The share stolen from {@code start} (an earlier {@link #read}) to now; none where either is missing. */
  OptionalDouble shareSince(Optional<Reading> start) {
    Optional<Reading> now = read();
    return start.isPresent() && now.isPresent() ? share(start.get(), now.get()) : OptionalDouble.empty();
  }

  /** The share of the machine's time stolen between two readings; none if no time passed. */
  static OptionalDouble share(Reading before, Reading after) {
    long total = after.total() - before.total();
    return total <= 0 ? OptionalDouble.empty()
        : OptionalDouble.of((double) (after.stolen() - before.stolen()) / total);
  }
}
