package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.fixture.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A {@link LoadContender} on a traced Convoy server: a traced row whose spans never reached
 * its OTLP receiver measured no tracing, so it is not run.
 */
record TracedContender(Target.Convoy server, int concurrency) implements Contender {

  private static final Pattern EXPORTS =
      Pattern.compile(Pattern.quote(OtlpReceiver.EXPORTS) + "(\\d+)");
  private static final Duration EXPORT_WAIT = Duration.ofSeconds(5);

  @Override
  public List<Target> targets() {
    return List.of(server);
  }

  @Override
  public Side open(BenchContext context) throws Exception {
    Side load = new LoadContender(server, server.model(), concurrency).open(context);
    if (server.sampling() == Target.Sampling.NONE) {
      return load;
    }
    TargetProcess receiver = context.targets().get(new Target.Receiver(server.key())).process();
    return new CheckedSide(load, () -> {
      long giveUp = System.nanoTime() + EXPORT_WAIT.toNanos();
      while (receiver.findLast(EXPORTS).isEmpty() && System.nanoTime() < giveUp) {
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
      if (receiver.findLast(EXPORTS).isEmpty()) {
        throw new NotRunException("tracing was on but no span reached the OTLP receiver");
      }
    });
  }
}
