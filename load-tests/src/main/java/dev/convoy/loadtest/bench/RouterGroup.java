package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's cost: the same load sent straight to the server and through the router in front
 * of it (each its own JVM on loopback, the server as the router's only backend), side by side
 * at each concurrency, on digits_mlp as shipped at c=1, 8, 64 and with dynamic batching at
 * c=64. Each direct row and its routed twin are measured interleaved ({@link InterleavedSet}),
 * on the same server, with the router up for both.
 */
final class RouterGroup implements ScenarioGroup {

  static final String NAME = "router";
  static final String SCENARIO = "via router, loopback";
  private static final String MODEL = "digits_mlp";
  private static final List<Integer> CONCURRENCY = List.of(1, 8, 64);
  private static final List<Integer> BATCHED_CONCURRENCY = List.of(64);
  /** Router throughput over direct throughput the router issue asks for, at least. */
  static final double GOAL_THROUGHPUT_RATIO = 0.9;
  /** The p50 the router may add at c=1, at most, in nanoseconds (the request path issue). */
  static final double GOAL_ADDED_P50_NANOS = 100_000;

  static String directId(String tag, int concurrency) {
    return "router-" + tag + "-direct-c" + concurrency;
  }

  static String routedId(String tag, int concurrency) {
    return "router-" + tag + "-routed-c" + concurrency;
  }

  /** What the configuration block says about the router rows. */
  static String describe() {
    return "convoy-router in its own JVM on " + TargetLauncher.LOOPBACK + ", one backend (the"
        + " server), its default settings; client: 1 HTTP/2 connection to the router; each"
        + " router row measured interleaved with its direct twin (" + InterleavedSet.SLICES
        + " slices each, alternating)";
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "digits_mlp straight to the server and through the router in front of it, side by"
        + " side: as shipped at c=" + CONCURRENCY + ", with dynamic_batching at c="
        + BATCHED_CONCURRENCY;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (Variant v : variants(settings)) {
      for (int c : v.concurrency()) {
        String configuration = MODEL + ", c=" + c + ", " + v.label();
        Target.Convoy server = new Target.Convoy(MODEL, v.variant());
        Map<String, Contender> twins = new LinkedHashMap<>();
        twins.put(directId(v.tag(), c), new LoadContender(server, MODEL, c));
        twins.put(routedId(v.tag(), c), new LoadContender(new Target.Router(server), MODEL, c));
        InterleavedSet pair = new InterleavedSet(twins);
        rows.add(new RowSpec(directId(v.tag(), c), NAME, ServedGroup.SCENARIO, configuration,
            pair.row(directId(v.tag(), c))));
        rows.add(new RowSpec(routedId(v.tag(), c), NAME, SCENARIO, configuration,
            pair.row(routedId(v.tag(), c))));
      }
    }
    return rows;
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (Variant v : variants(settings)) {
      String prefix = v.tag().equals("mlp") ? "router" : v.tag().replace("mlp-", "") + " router";
      for (int c : v.concurrency()) {
        String routed = routedId(v.tag(), c);
        String direct = directId(v.tag(), c);
        comparisons.add(Comparison.ratio(prefix + " / direct, c=" + c, routed, direct,
            Metric.ROWS_PER_SECOND).withGoalAtLeast(GOAL_THROUGHPUT_RATIO));
        Comparison added = Comparison.difference(prefix + " p50 - direct p50, c=" + c, routed,
            direct, Metric.P50);
        comparisons.add(c == 1 ? added.withGoalAtMost(GOAL_ADDED_P50_NANOS) : added);
        comparisons.add(Comparison.ratio(prefix + " p99 / direct p99, c=" + c, routed, direct,
            Metric.P99));
      }
    }
    return comparisons;
  }

  private static List<Variant> variants(BenchSettings settings) {
    return List.of(
        new Variant("mlp", ModelVariant.SHIPPED, ModelVariant.SHIPPED.describe(), CONCURRENCY),
        new Variant("mlp-batched", settings.batched(), settings.batched().name(),
            BATCHED_CONCURRENCY));
  }

  /** A model configuration the group runs, with its row-id tag and concurrencies. */
  private record Variant(
      String tag, ModelVariant variant, String label, List<Integer> concurrency) {}
}
