package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import dev.convoy.loadtest.bench.Target.Fixture.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path, as users judge it: Convoy against what they would otherwise have, each in its
 * own JVM, batch-1 requests over one HTTP/2 connection at 1, 8 and 64 in flight. At each
 * concurrency, interleaved ({@link InterleavedSet}): Convoy on digits_mlp as shipped
 * (unbatched), the hand-written peer (ONNX Runtime on the gRPC executor), the gRPC floor
 * (canned answers) and Convoy with the batching group's {@code dynamic_batching}; at 64 also
 * h2load against each of them (the load tester's own ceiling), and the same comparison on the
 * compute-heavy digits_wide.
 */
final class ServedGroup implements ScenarioGroup {

  static final String NAME = "served";
  static final String SCENARIO = "served, loopback";
  static final String H2LOAD_SCENARIO = "h2load, loopback";
  private static final String MLP = "digits_mlp";
  private static final String WIDE = "digits_wide";
  private static final List<Integer> CONCURRENCY = List.of(1, 8, 64);
  private static final int H2LOAD_CONCURRENCY = 64;
  /** The request path issue's goals. */
  static final double GOAL_UNBATCHED_VS_HAND_WRITTEN = 1.0;
  static final double GOAL_BATCHED_VS_FLOOR = 0.9;
  static final double GOAL_BATCHED_VS_HAND_WRITTEN = 1.5;
  static final double GOAL_WIDE_BATCHED_VS_HAND_WRITTEN = 2.0;
  static final double GOAL_LOAD_TESTER_VS_H2LOAD = 0.8;
  static final long GOAL_BATCHED_P50_SLACK_NANOS = 100_000;

  /** What runs, by the tag in its row id. */
  private enum Subject {
    SERVED("served", "Convoy, config as shipped (unbatched)"),
    HANDWRITTEN("handwritten", "hand-written: grpc-java + ONNX Runtime on the executor"),
    FLOOR("floor", "grpc-floor: canned response of Convoy's size"),
    BATCHED("batched", "Convoy, dynamic_batching");

    final String tag;
    final String label;

    Subject(String tag, String label) {
      this.tag = tag;
      this.label = label;
    }
  }

  static String id(int concurrency) {
    return id(Subject.SERVED, "mlp", concurrency);
  }

  private static String id(Subject subject, String model, int concurrency) {
    return subject.tag + "-" + model + "-c" + concurrency;
  }

  private static String h2loadId(Subject subject, String model, int concurrency) {
    return "h2load-" + id(subject, model, concurrency);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Convoy unbatched and batched, the hand-written peer and the gRPC floor, each its own"
        + " JVM, interleaved at c=" + CONCURRENCY + " (digits_mlp; digits_wide at c=64), with"
        + " h2load against each at c=" + H2LOAD_CONCURRENCY;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    List<RowSpec> rows = new ArrayList<>();
    for (int c : CONCURRENCY) {
      rows.addAll(set(settings, MLP, "mlp", List.of(Subject.values()), c,
          c == H2LOAD_CONCURRENCY));
    }
    rows.addAll(set(settings, WIDE, "wide",
        List.of(Subject.SERVED, Subject.HANDWRITTEN, Subject.BATCHED), H2LOAD_CONCURRENCY,
        false));
    return rows;
  }

  private static List<RowSpec> set(BenchSettings settings, String model, String tag,
      List<Subject> subjects, int c, boolean withH2load) {
    Map<String, Contender> contenders = new LinkedHashMap<>();
    Map<String, String[]> labels = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      String id = id(subject, tag, c);
      contenders.put(id, new LoadContender(target(settings, model, subject), model, c));
      labels.put(id, new String[] {SCENARIO, label(settings, subject)});
    }
    if (withH2load) {
      for (Subject subject : subjects) {
        String id = h2loadId(subject, tag, c);
        contenders.put(id, new H2loadContender(target(settings, model, subject), model, c));
        labels.put(id, new String[] {H2LOAD_SCENARIO, label(settings, subject)});
      }
    }
    InterleavedSet measured = new InterleavedSet(contenders);
    List<RowSpec> rows = new ArrayList<>();
    labels.forEach((id, l) -> rows.add(new RowSpec(id, NAME, l[0],
        model + ", c=" + c + ", " + l[1], measured.row(id))));
    return rows;
  }

  private static String label(BenchSettings settings, Subject subject) {
    return subject == Subject.BATCHED ? "Convoy, " + settings.batched().describe()
        : subject.label;
  }

  private static Target target(BenchSettings settings, String model, Subject subject) {
    return switch (subject) {
      case SERVED -> new Target.Convoy(model, ModelVariant.SHIPPED);
      case BATCHED -> new Target.Convoy(model, settings.batched());
      case HANDWRITTEN -> new Target.Fixture(Kind.HAND_WRITTEN, model);
      case FLOOR -> new Target.Fixture(Kind.GRPC_FLOOR, model);
    };
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    List<Comparison> comparisons = new ArrayList<>();
    for (int c : CONCURRENCY) {
      comparisons.add(ratio("Convoy unbatched / hand-written, c=" + c, id(Subject.SERVED, "mlp", c),
          id(Subject.HANDWRITTEN, "mlp", c)).withGoalAtLeast(GOAL_UNBATCHED_VS_HAND_WRITTEN));
    }
    int top = H2LOAD_CONCURRENCY;
    comparisons.add(ratio("Convoy batched / grpc-floor, c=" + top, id(Subject.BATCHED, "mlp", top),
        id(Subject.FLOOR, "mlp", top)).withGoalAtLeast(GOAL_BATCHED_VS_FLOOR));
    comparisons.add(ratio("Convoy batched / hand-written, c=" + top,
        id(Subject.BATCHED, "mlp", top), id(Subject.HANDWRITTEN, "mlp", top))
        .withGoalAtLeast(GOAL_BATCHED_VS_HAND_WRITTEN));
    comparisons.add(ratio("wide Convoy batched / hand-written, c=" + top,
        id(Subject.BATCHED, "wide", top), id(Subject.HANDWRITTEN, "wide", top))
        .withGoalAtLeast(GOAL_WIDE_BATCHED_VS_HAND_WRITTEN));
    comparisons.add(ratio("wide Convoy unbatched / hand-written, c=" + top,
        id(Subject.SERVED, "wide", top), id(Subject.HANDWRITTEN, "wide", top)));
    long delayNanos = settings.maxQueueDelayMicros() * 1_000;
    comparisons.add(Comparison.difference("batched p50 - unbatched p50, c=1",
            id(Subject.BATCHED, "mlp", 1), id(Subject.SERVED, "mlp", 1), Metric.P50)
        .withGoalAtMost(delayNanos + GOAL_BATCHED_P50_SLACK_NANOS)
        .withNote("goal: max_queue_delay " + settings.maxQueueDelayMicros() + " µs + 100 µs"));
    comparisons.add(ratio("convoy-load / h2load, grpc-floor, c=" + top,
        id(Subject.FLOOR, "mlp", top), h2loadId(Subject.FLOOR, "mlp", top))
        .withGoalAtLeast(GOAL_LOAD_TESTER_VS_H2LOAD));
    for (Subject subject : List.of(Subject.HANDWRITTEN, Subject.SERVED, Subject.BATCHED)) {
      comparisons.add(ratio("convoy-load / h2load, " + subject.tag + ", c=" + top,
          id(subject, "mlp", top), h2loadId(subject, "mlp", top)));
    }
    comparisons.add(ratio("h2load: Convoy unbatched / hand-written, c=" + top,
        h2loadId(Subject.SERVED, "mlp", top), h2loadId(Subject.HANDWRITTEN, "mlp", top)));
    comparisons.add(ratio("h2load: Convoy batched / grpc-floor, c=" + top,
        h2loadId(Subject.BATCHED, "mlp", top), h2loadId(Subject.FLOOR, "mlp", top)));
    String inProcess = InProcessGroup.id(1);
    comparisons.add(ratio("served c=1 / in-process, same batch (1)", id(1), inProcess));
    comparisons.add(ratio("served c=8 / c=1", id(8), id(1)));
    comparisons.add(ratio("served c=64 / c=1", id(64), id(1)));
    comparisons.add(ratio("served c=64 / in-process, same batch (1)", id(64), inProcess));
    comparisons.add(Comparison.ratio("served p99 c=64 / c=1", id(64), id(1), Metric.P99));
    return comparisons;
  }

  private static Comparison ratio(String label, String row, String baseline) {
    return Comparison.ratio(label, row, baseline, Metric.ROWS_PER_SECOND);
  }
}
