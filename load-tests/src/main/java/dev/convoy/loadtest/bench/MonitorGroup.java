package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the monitor costs and how much it takes: digits_mlp as shipped served without sampling
 * and sampling every answered request into a monitor in its own process, interleaved at c=8
 * and c=64; and a monitor's own ingest rate, one stream from the bench.
 */
final class MonitorGroup implements ScenarioGroup {

  static final String NAME = "monitor";
  static final String MODEL = "digits_mlp";
  static final String VERSION = "1";
  static final String INGEST = "monitor-ingest";
  private static final List<Integer> CONCURRENCY = List.of(8, 64);
  /** Sampled throughput over unsampled that the monitor issue asks for, at least. */
  static final double GOAL_SAMPLING = 0.95;
  /** Samples per second the monitor issue asks one monitor to keep up with. */
  static final double GOAL_INGEST = 10_000;

  static String id(boolean sampled, int concurrency) {
    return "monitor-" + (sampled ? "sampled" : "off") + "-c" + concurrency;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return MODEL + " served without sampling and sampling 100% into a monitor process,"
        + " interleaved at c=" + CONCURRENCY + "; the monitor's ingest rate";
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (int c : CONCURRENCY) {
      Map<String, Contender> contenders = new LinkedHashMap<>();
      for (boolean sampled : List.of(false, true)) {
        contenders.put(id(sampled, c), new MonitoredContender(new Target.Convoy(MODEL,
            ModelVariant.SHIPPED, Target.Sampling.NONE, sampled), c));
      }
      InterleavedSet set = new InterleavedSet(contenders);
      for (boolean sampled : List.of(false, true)) {
        String configuration = MODEL + ", c=" + c + ", " + (sampled
            ? "--monitor-sample-rate 1 to a monitor process" : "no sampling");
        rows.add(new RowSpec(id(sampled, c), NAME, ServedGroup.SCENARIO, configuration,
            set.row(id(sampled, c))));
      }
    }
    rows.add(new RowSpec(INGEST, NAME, "monitor ingest, loopback", "1 Ingest stream, batches of "
        + IngestProbe.BATCH + ", " + IngestProbe.WINDOW + " in flight, windows of "
        + TargetLauncher.MONITOR_WINDOW + ", 64 features, 10 scores",
        new IngestProbe(new Target.Monitor(INGEST))));
    return rows;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (int c : CONCURRENCY) {
      comparisons.add(Comparison.ratio("sampling 100% / off, c=" + c, id(true, c), id(false, c),
          Metric.ROWS_PER_SECOND).withGoalAtLeast(GOAL_SAMPLING));
    }
    comparisons.add(Comparison.value("monitor ingest, samples/s", INGEST, Metric.ROWS_PER_SECOND)
        .withGoalAtLeast(GOAL_INGEST));
    return comparisons;
  }
}
