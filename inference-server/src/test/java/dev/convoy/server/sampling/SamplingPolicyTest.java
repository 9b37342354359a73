package dev.convoy.server.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.Test;

class SamplingPolicyTest {
  private static final String CONFIG = """
      name: "m"
      platform: "onnxruntime_onnx"
      max_batch_size: 4
      input [ { name: "x" data_type: TYPE_FP32 dims: [ 2 ] } ]
      output [ { name: "logits" data_type: TYPE_FP32 dims: [ 2 ] } ]
      """;

  @Test
  void of_noParameters_serverDefaultRateAndProbabilities() {
    SamplingPolicy.ModelSampling sampling = new SamplingPolicy(0.5).of(ModelConfigParser.parse("m", CONFIG));

    assertThat(sampling.rate()).isEqualTo(0.5);
    assertThat(sampling.scoresOutput()).isEqualTo("probabilities");
    assertThat(sampling.metricAttributes().asMap()).containsOnlyKeys(AttributeKey.stringKey("model"))
        .containsValue("m");
  }

  @Test
  void of_modelParameters_overrideBoth_andANewConfigIsReadAgain() {
    SamplingPolicy policy = new SamplingPolicy(0.5);
    policy.of(ModelConfigParser.parse("m", CONFIG));
    ModelSpec reloaded = ModelConfigParser.parse("m", CONFIG + """
        parameters { key: "monitor_sample_rate" value: { string_value: "0.25" } }
        parameters { key: "monitor_score_output" value: { string_value: "logits" } }
        """);

    SamplingPolicy.ModelSampling sampling = policy.of(reloaded);

    assertThat(sampling.rate()).isEqualTo(0.25);
    assertThat(sampling.scoresOutput()).isEqualTo("logits");
  }
}
