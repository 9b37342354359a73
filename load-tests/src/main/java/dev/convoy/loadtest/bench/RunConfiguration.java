package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.h2.RawH2Connections;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What the run ran on and with, printed above the table: a figure means little without the
 * machine, the JVM, the runtime version, the thread settings and the durations.
 *
 * @param settings name and value, in print order
 */
public record RunConfiguration(List<Setting> settings) {

  private static final String SYSTEM_LOAD = "system load";
  private static final String CAPPED_WARMUPS = "warm-ups at their cap";
  private static final int NAMED_CAPPED_WARMUPS = 5;

  /** One line of the configuration. */
  public record Setting(String name, String value) {}

  public RunConfiguration {
    settings = List.copyOf(settings);
  }

  /** The configuration of a run with {@code bench}, started as {@code command}. */
  public static RunConfiguration describe(
      BenchSettings bench, String command, int dataRows, Instant now) {
    Runtime runtime = Runtime.getRuntime();
    List<Setting> s = new ArrayList<>();
    s.add(new Setting("date", now.truncatedTo(ChronoUnit.SECONDS).toString()));
    s.add(new Setting("command", command));
    s.add(new Setting("machine", runtime.availableProcessors() + " cores ("
        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        + "); every server, fixture and the router in its own JVM (-Xmx" + bench.launch().heap()
        + "), the load from the bench's JVM"));
    s.add(new Setting("JVM", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + ", max heap "
        + runtime.maxMemory() / (1024 * 1024) + " MiB"));
    s.add(new Setting("ONNX Runtime", InProcessProbe.environment().getVersion()
        + " (CPU), optimisation level ALL"));
    s.add(new Setting("durations", "each row " + seconds(bench.duration().toNanos())
        + " measured after warm-up at its own concurrency ("
        + steady(bench.warmup(), BenchContext.ROW_WARMUP_MAX_FACTOR)
        + "); closed loop; rows of one set interleaved in " + InterleavedSet.SLICES
        + " slices each; before its first row, JVM warm-up through each target process (c=64, "
        + steady(bench.jvmWarmup(), BenchContext.JVM_WARMUP_MAX_FACTOR) + ")"));
    s.add(new Setting("in-process", BenchSettings.IN_PROCESS_INTRA_OP_THREADS
        + " intra-op thread, 1 inter-op thread, 1 caller thread"));
    s.add(new Setting("served", "plaintext on 127.0.0.1; " + bench.launch().serverJar()
        + " with its default threads; fixtures grpc-floor and hand-written: grpc-java, 4"
        + " executor threads (hand-written: ONNX Runtime, 1 intra-op thread, on the executor)"));
    s.add(new Setting("client", "convoy-load's raw HTTP/2 engine (Netty, "
        + (RawH2Connections.nativeTransport() ? "epoll" : "NIO") + "): asynchronous calls, at"
        + " most c in flight over 1 HTTP/2 connection, requests serialised and gRPC-framed once,"
        + " answers read to their status; h2load: "
        + H2loadContender.installed().map(Object::toString).orElse("not installed")
        + " -c 1 -t 1 -m c"));
    s.add(new Setting("router", RouterGroup.describe()));
    s.add(new Setting("batching variants", "unbatched: " + bench.unbatched().describe()
        + "; batched: " + bench.batched().describe()));
    s.add(new Setting("data", dataRows + " rows from " + bench.rowsFile()
        + "; models copied from " + bench.repository()));
    s.add(new Setting(SYSTEM_LOAD, "1-min load average " + loadAverage() + " at start"));
    return new RunConfiguration(s);
  }

  /**
   * The configuration with the end of the run added: the load average then (above the core
   * count, other processes competed for the cores) and the share of the machine's CPU time
   * stolen over the run, where it was read (the hypervisor ran other guests instead); and a
   * line listing the warm-ups that ended at their cap instead of steady.
   *
   * @param stolenShare steal over all CPU time between the run's start and end, from 0 to 1
   * @param cappedWarmups each warm-up that ended at its cap, described
   */
  public RunConfiguration withEndOfRun(OptionalDouble stolenShare, List<String> cappedWarmups) {
    int cores = Runtime.getRuntime().availableProcessors();
    String end = ", " + loadAverage() + " at end (" + cores + " cores; more than that means"
        + " other processes competed for them)" + stolen(stolenShare, cores);
    List<Setting> s = new ArrayList<>();
    for (Setting setting : settings) {
      s.add(setting.name().equals(SYSTEM_LOAD) ? new Setting(SYSTEM_LOAD, setting.value() + end) : setting);
    }
    s.add(new Setting(CAPPED_WARMUPS, capped(cappedWarmups)));
    return new RunConfiguration(s);
  }

  /** The capped warm-ups, the first few named: a run of many rows could list dozens. */
  static String capped(List<String> warmups) {
    if (warmups.isEmpty()) {
      return "none: every warm-up ended steady";
    }
    String named = String.join("; ", warmups.subList(0, Math.min(warmups.size(), NAMED_CAPPED_WARMUPS)));
    int more = warmups.size() - NAMED_CAPPED_WARMUPS;
    return warmups.size() + " ended at their cap, not steady (rows after them measured a target still"
        + " settling): " + named + (more > 0 ? "; and " + more + " more" : "");
  }

  /** The stolen share as the system load line ends with it; nothing where it was not read. */
  static String stolen(OptionalDouble share, int cores) {
    if (share.isEmpty()) {
      return "";
    }
    return Formats.format("; CPU time stolen by the hypervisor over the run: %.1f%%"
        + " (%.2f of %d cores)", share.getAsDouble() * 100, share.getAsDouble() * cores, cores);
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "n/a" : Formats.format("%.2f", load);
  }

  /** How a warm-up of at least {@code minimum}, capped at {@code maxFactor} times it, ends. */
  private static String steady(Duration minimum, int maxFactor) {
    return minimum.isZero() ? "none" : "at least " + seconds(minimum.toNanos()) + ", until two successive "
        + seconds(SteadyState.SLICE.toNanos()) + " slices agree within "
        + Math.round(SteadyState.TOLERANCE * 100) + "% and the targets' JIT compiler threads used under "
        + Math.round(SteadyState.QUIET_COMPILER_SHARE * 100) + "% of a core over the last "
        + SteadyState.QUIET_SLICES + ", at most "
        + maxFactor + "x that";
  }

  private static String seconds(long nanos) {
    return Formats.format("%.3g s", nanos / 1e9);
  }

  /** The value of a setting, or empty. */
  public String get(String name) {
    return settings.stream().filter(s -> s.name().equals(name)).map(Setting::value)
        .findFirst().orElse("");
  }
}
