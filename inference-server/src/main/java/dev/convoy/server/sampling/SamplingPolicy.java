package dev.convoy.server.sampling;

import dev.convoy.server.model.ModelSpec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The share of a model's requests to sample: the model's {@code monitor_sample_rate}
 * parameter in config.pbtxt when it has one, else the server's default (0: off); and the
 * output whose rows are the samples' scores. Read once per loaded configuration, not per
 * request.
 */
public final class SamplingPolicy {
  /** config.pbtxt {@code parameters} key: a share of requests in [0, 1]. */
  public static final String RATE_PARAMETER = "monitor_sample_rate";
  /** config.pbtxt {@code parameters} key: the output holding class scores (default "probabilities"). */
  public static final String SCORES_PARAMETER = "monitor_score_output";
  private static final String DEFAULT_SCORES = "probabilities";
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");

  private final double defaultRate;
  private final Map<String, ModelSampling> byModel = new ConcurrentHashMap<>();

  public SamplingPolicy(double defaultRate) {
    this.defaultRate = checked("default sample rate", String.valueOf(defaultRate));
  }

  /** The rate of {@code spec}'s model. */
  public double rate(ModelSpec spec) {
    return of(spec).rate;
  }

  /** How {@code spec}'s model is sampled. */
  ModelSampling of(ModelSpec spec) {
    ModelSampling cached = byModel.get(spec.name());
    if (cached == null || cached.spec != spec) {
      String value = spec.backendParameters().get(RATE_PARAMETER);
      cached = new ModelSampling(spec, value == null ? defaultRate : checked(RATE_PARAMETER, value),
          spec.backendParameters().getOrDefault(SCORES_PARAMETER, DEFAULT_SCORES),
          Attributes.of(MODEL, spec.name()));
      byModel.put(spec.name(), cached);
    }
    return cached;
  }

  /** @throws IllegalArgumentException unless {@code value} is a number in [0, 1] */
  public static double checked(String name, String value) {
    double rate;
    try {
      rate = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number in [0, 1], got '" + value + "'", e);
    }
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
    return rate;
  }

  /**
   * A loaded configuration's rate, the output whose rows are its samples' scores, and the
   * attributes its sampler metrics are counted under (made once, not per request).
   */
  record ModelSampling(ModelSpec spec, double rate, String scoresOutput, Attributes metricAttributes) {
  }
}
