package dev.convoy.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SenderPartsTest {
  @Test
  void codeOf_errorMessageAsTheProtoDefines_codeFromItsPrefix() {
    assertThat(StreamSender.codeOf("NOT_FOUND: unknown model 'x'")).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(StreamSender.codeOf("UNAVAILABLE: no healthy backend")).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(StreamSender.codeOf("something else")).isEqualTo(Status.Code.UNKNOWN);
    assertThat(StreamSender.codeOf("NOPE: x")).isEqualTo(Status.Code.UNKNOWN);
  }

  @Test
  void delayNanos_doublesUpToTheMaximum() {
    Backoff backoff = new Backoff(10, Duration.ofMillis(100), Duration.ofMillis(500));

    assertThat(backoff.delayNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(backoff.delayNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
    assertThat(backoff.delayNanos(3)).isEqualTo(Duration.ofMillis(400).toNanos());
    assertThat(backoff.delayNanos(4)).isEqualTo(Duration.ofMillis(500).toNanos());
    assertThat(backoff.delayNanos(60)).isEqualTo(Duration.ofMillis(500).toNanos());
  }
}
