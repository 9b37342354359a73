package dev.convoy.router.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.fault.Outcomes.Outcome;
import io.grpc.Status.Code;
import org.junit.jupiter.api.Test;

class OutcomesTest {
  @Test
  void retryable_onlyUnavailableAndResourceExhausted() {
    for (Code code : Code.values()) {
      assertThat(Outcomes.retryable(code)).as(code.name())
          .isEqualTo(code == Code.UNAVAILABLE || code == Code.RESOURCE_EXHAUSTED);
    }
  }

  @Test
  void classify_clientErrorsAreHealthy_transportErrorsAreFaults() {
    assertThat(Outcomes.classify(Code.OK)).isEqualTo(Outcome.HEALTHY);
    assertThat(Outcomes.classify(Code.INVALID_ARGUMENT)).isEqualTo(Outcome.HEALTHY);
    assertThat(Outcomes.classify(Code.NOT_FOUND)).isEqualTo(Outcome.HEALTHY);
    assertThat(Outcomes.classify(Code.UNAVAILABLE)).isEqualTo(Outcome.FAULT);
    assertThat(Outcomes.classify(Code.INTERNAL)).isEqualTo(Outcome.FAULT);
    assertThat(Outcomes.classify(Code.CANCELLED)).isEqualTo(Outcome.NEUTRAL);
    assertThat(Outcomes.classify(Code.DEADLINE_EXCEEDED)).isEqualTo(Outcome.NEUTRAL);
    assertThat(Outcomes.classify(Code.RESOURCE_EXHAUSTED)).isEqualTo(Outcome.NEUTRAL);
  }

  @Test
  void classify_unknown_neutral() {
    // What a server answers when one request's handling threw, e.g. on a payload it could not take.
    assertThat(Outcomes.classify(Code.UNKNOWN)).isEqualTo(Outcome.NEUTRAL);
  }
}
