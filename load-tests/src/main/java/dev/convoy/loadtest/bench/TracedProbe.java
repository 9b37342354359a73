package dev.convoy.loadtest.bench;

import java.time.Duration;

/**
 * The server over loopback, as {@link ServedProbe}, on a server that traces every span (or
 * none); a traced row that exported nothing is not run, since it would measure no tracing.
 */
record TracedProbe(String model, int concurrency, boolean traced) implements Probe {

  @Override
  public Measurement measure(BenchContext context) throws Exception {
    RunningServer server = context.servers().serve(model, ModelVariant.SHIPPED, traced);
    Measurement measurement = ServedProbe.measureOn(context, server, concurrency);
    if (traced && !server.tracesExported(Duration.ofSeconds(5))) {
      throw new NotRunException("tracing was on but no span reached the OTLP receiver");
    }
    return measurement;
  }
}
