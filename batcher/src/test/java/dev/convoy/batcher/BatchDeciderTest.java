package dev.convoy.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.batcher.BatchDecision.Dispatch;
import dev.convoy.batcher.BatchDecision.Idle;
import dev.convoy.batcher.BatchDecision.Wait;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dispatch decision, case by case. Times are in nanoseconds; "now" is 1_000. */
class BatchDeciderTest {
  private static final long NOW = 1_000;
  private static final long NONE = Ticks.NONE;

  private static QueueEntryView req(int rows, String shape, long enqueuedAt) {
    return new QueueEntryView(rows, shape, enqueuedAt, NONE, false);
  }

  private static QueueEntryView cancelled(int rows, String shape, long enqueuedAt) {
    return new QueueEntryView(rows, shape, enqueuedAt, NONE, true);
  }

  private static QueueEntryView expiringAt(long at, int rows, String shape, long enqueuedAt) {
    return new QueueEntryView(rows, shape, enqueuedAt, at, false);
  }

  private static BatchPolicy policy(int max, Set<Integer> preferred, long delay) {
    return new BatchPolicy(true, max, preferred, delay);
  }

  private static Arguments row(String name, BatchPolicy policy, List<QueueEntryView> queue,
      BatchDecision expected) {
    return Arguments.of(name, policy, queue, expected);
  }

  static Stream<Arguments> cases() {
    BatchPolicy max8 = policy(8, Set.of(), 0);
    BatchPolicy max8Delay500 = policy(8, Set.of(), 500);
    BatchPolicy preferred2And4 = policy(8, Set.of(2, 4), 500);
    return Stream.of(
        row("empty queue", max8, List.of(), new Idle()),
        row("only cancelled", max8, List.of(cancelled(1, "A", 0)), new Idle()),
        row("only expired", max8, List.of(expiringAt(NOW, 1, "A", 0)), new Idle()),
        row("expires next ns: still live", max8, List.of(expiringAt(NOW + 1, 1, "A", 0)),
            new Dispatch(List.of(0))),
        row("no delay: sends what is there", max8,
            List.of(req(1, "A", NOW), req(2, "A", NOW)), new Dispatch(List.of(0, 1))),
        row("unbatched: head alone", new BatchPolicy(false, 8, Set.of(), 500),
            List.of(req(1, "A", NOW), req(1, "A", NOW)), new Dispatch(List.of(0))),
        row("under max, delay not over: wait the rest", max8Delay500,
            List.of(req(1, "A", 700), req(1, "A", 900)), new Wait(200)),
        row("delay over 1 ns ago", max8Delay500,
            List.of(req(1, "A", 499), req(1, "A", 900)), new Dispatch(List.of(0, 1))),
        row("delay over exactly now", max8Delay500,
            List.of(req(1, "A", 500)), new Dispatch(List.of(0))),
        row("wait counts from oldest in batch, not head", max8Delay500,
            List.of(req(1, "A", 900), req(1, "A", 600)), new Wait(100)),
        row("max reached exactly: at once", max8Delay500,
            List.of(req(5, "A", NOW), req(3, "A", NOW)), new Dispatch(List.of(0, 1))),
        row("next does not fit: at once, no overtaking", max8Delay500,
            List.of(req(6, "A", NOW), req(4, "A", NOW), req(1, "A", NOW)),
            new Dispatch(List.of(0))),
        row("largest preferred prefix", preferred2And4,
            List.of(req(1, "A", NOW), req(1, "A", NOW), req(1, "A", NOW), req(1, "A", NOW),
                req(1, "A", NOW)),
            new Dispatch(List.of(0, 1, 2, 3))),
        row("preferred passed, larger one skipped over", preferred2And4,
            List.of(req(1, "A", NOW), req(1, "A", NOW), req(3, "A", NOW)),
            new Dispatch(List.of(0, 1))),
        row("preferred wins over a full batch", policy(8, Set.of(4), 500),
            List.of(req(4, "A", NOW), req(4, "A", NOW)), new Dispatch(List.of(0))),
        row("no preferred reached: wait", preferred2And4,
            List.of(req(3, "A", 800)), new Wait(300)),
        row("rows jump over preferred: wait", policy(8, Set.of(4), 500),
            List.of(req(3, "A", 800), req(2, "A", 800)), new Wait(300)),
        row("other shapes passed over", max8,
            List.of(req(1, "A", NOW), req(1, "B", NOW), req(1, "A", NOW), req(1, "B", NOW)),
            new Dispatch(List.of(0, 2))),
        row("head shape decides the group", max8,
            List.of(req(1, "B", NOW), req(1, "A", NOW), req(1, "B", NOW)),
            new Dispatch(List.of(0, 2))),
        row("cancelled head: next live leads", max8,
            List.of(cancelled(1, "A", 0), req(1, "B", NOW), req(1, "A", NOW)),
            new Dispatch(List.of(1))),
        row("cancelled and expired inside the group skipped", max8,
            List.of(req(1, "A", NOW), cancelled(1, "A", NOW), expiringAt(NOW - 1, 1, "A", 0),
                req(1, "A", NOW)),
            new Dispatch(List.of(0, 3))),
        row("cancelled oldest does not shorten the wait", max8Delay500,
            List.of(cancelled(1, "A", 0), req(1, "A", 900)), new Wait(400)),
        row("other shape does not block a full group", policy(2, Set.of(), 500),
            List.of(req(1, "A", NOW), req(1, "B", NOW), req(1, "A", NOW)),
            new Dispatch(List.of(0, 2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide_tableCase_returnsExpectedDecision(String name, BatchPolicy policy,
      List<QueueEntryView> queue, BatchDecision expected) {
    assertThat(BatchDecider.decide(queue, NOW, policy)).isEqualTo(expected);
  }
}
