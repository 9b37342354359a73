package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.bench.Comparison.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What TLS costs: digits_mlp as shipped, served plaintext and over TLS (a P-256 certificate
 * made by keytool), called by the gRPC engine at c=64, interleaved.
 */
final class TlsGroup implements ScenarioGroup {

  static final String NAME = "tls";
  private static final String MODEL = "digits_mlp";
  private static final int CONCURRENCY = 64;
  /** TLS throughput over plaintext that the security issue asks for, at least. */
  static final double GOAL = 0.8;
  static final String PLAINTEXT = "tls-off-c" + CONCURRENCY;
  static final String TLS = "tls-on-c" + CONCURRENCY;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return MODEL + " served plaintext and over TLS, gRPC engine, interleaved at c=" + CONCURRENCY;
  }

  @Override
  public List<RowSpec> rows(BenchSettings settings) {
    Map<String, Contender> contenders = new LinkedHashMap<>();
    contenders.put(PLAINTEXT, new GrpcEngineContender(new Target.Convoy(MODEL, ModelVariant.SHIPPED), MODEL,
        CONCURRENCY));
    contenders.put(TLS, new GrpcEngineContender(new Target.TlsConvoy(MODEL), MODEL, CONCURRENCY));
    InterleavedSet set = new InterleavedSet(contenders);
    return List.of(
        new RowSpec(PLAINTEXT, NAME, ServedGroup.SCENARIO, MODEL + ", c=" + CONCURRENCY + ", plaintext, gRPC engine",
            set.row(PLAINTEXT)),
        new RowSpec(TLS, NAME, ServedGroup.SCENARIO, MODEL + ", c=" + CONCURRENCY + ", TLS, gRPC engine",
            set.row(TLS)));
  }

  @Override
  public List<Comparison> comparisons(BenchSettings settings) {
    return List.of(
        Comparison.ratio("TLS / plaintext, c=" + CONCURRENCY, TLS, PLAINTEXT, Metric.ROWS_PER_SECOND)
            .withGoalAtLeast(GOAL),
        Comparison.ratio("TLS p99 / plaintext p99, c=" + CONCURRENCY, TLS, PLAINTEXT, Metric.P99));
  }
}
