package dev.convoy.loadtest.report;

import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.engine.LoadResult;
import dev.convoy.loadtest.engine.LoadRunner;
import dev.convoy.loadtest.testing.FakeLoadClock;
import java.time.Duration;

/** Deterministic results to report on: one worker on a fake clock. */
final class Results {

  static final String ERROR = "rpc error: code = Unavailable desc = busy, try \"later\"";

  private Results() {}

  /** Call i takes i+1 ms; every 5th fails with {@link #ERROR}. */
  static LoadResult tenCalls(double rps) throws InterruptedException {
    FakeLoadClock clock = new FakeLoadClock();
    LoadOptions options = LoadOptions.closedLoop(1, 10).withRps(rps).withRecordDetails(true);
    return new LoadRunner(clock).run(options, (worker, index) -> {
      clock.advance(Duration.ofMillis(index + 1));
      return index % 5 == 4 ? CallOutcome.failed("Unavailable", ERROR) : CallOutcome.ok();
    });
  }
}
