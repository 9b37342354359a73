package dev.convoy.server.stats;

import dev.convoy.proto.inference.StatisticDuration;
import java.util.concurrent.atomic.LongAdder;

/** A count and a cumulative duration, updated without locks. */
final class DurationStat {
  private final LongAdder count = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  void add(long durationNanos) {
    count.increment();
    nanos.add(durationNanos);
  }

  long count() {
    return count.sum();
  }

  long nanos() {
    return nanos.sum();
  }

  StatisticDuration toProto() {
    return StatisticDuration.newBuilder().setCount(count.sum()).setNs(nanos.sum()).build();
  }
}
