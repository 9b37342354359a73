package dev.convoy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.testing.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SpanClockTest {
  @Test
  void epochNanos_tickerReadings_mapOntoTheWallClockAtTheAnchor() {
    FakeClock ticker = new FakeClock();
    ticker.advance(Duration.ofSeconds(5));
    Instant anchor = Instant.parse("2025-06-01T12:00:00.000000123Z");
    SpanClock clock = SpanClock.anchored(ticker, Clock.fixed(anchor, ZoneOffset.UTC));
    long anchorEpochNanos = anchor.getEpochSecond() * 1_000_000_000L + anchor.getNano();

    assertThat(clock.epochNanos(ticker.nanos())).isEqualTo(anchorEpochNanos);
    assertThat(clock.epochNanos(ticker.nanos() - 2_000)).isEqualTo(anchorEpochNanos - 2_000);
    ticker.advance(Duration.ofMillis(3));
    assertThat(clock.epochNanos(clock.tick())).isEqualTo(anchorEpochNanos + 3_000_000);
  }
}
