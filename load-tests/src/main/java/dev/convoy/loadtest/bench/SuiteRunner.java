package dev.convoy.loadtest.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the selected rows one after another (never two at once: they would share the cores)
 * and evaluates the comparisons. A row that cannot run is reported, not fatal.
 */
public final class SuiteRunner {
  private static final StolenTime STOLEN_TIME = StolenTime.system();

  private final PrintStream progress;

  /** @param progress where a line per row goes (standard error, so stdout stays the report) */
  public SuiteRunner(PrintStream progress) {
    this.progress = progress;
  }

  public BenchReport run(
      Scenarios.Selection selection, BenchContext context, RunConfiguration configuration)
      throws InterruptedException {
    Optional<StolenTime.Reading> stolenAtStart = STOLEN_TIME.read();
    context.select(selection.rows().stream().map(RowSpec::id).toList());
    List<RowResult> rows = new ArrayList<>();
    int total = selection.rows().size();
    for (RowSpec spec : selection.rows()) {
      progress.printf("[%d/%d] %s: %s ...%n", rows.size() + 1, total, spec.id(),
          spec.configuration());
      RowResult result = runOne(spec, context);
      context.record(result);
      rows.add(result);
      progress.println("    " + summary(result));
    }
    context.targets().stopAll();
    List<Comparison.Outcome> outcomes = selection.comparisons().stream()
        .map(c -> c.evaluate(context.results()))
        .toList();
    return new BenchReport(configuration.withEndOfRun(STOLEN_TIME.shareSince(stolenAtStart),
        context.cappedWarmups()), rows, outcomes);
  }

  private static RowResult runOne(RowSpec spec, BenchContext context)
      throws InterruptedException {
    try {
      return RowResult.measured(spec, spec.probe().measure(context));
    } catch (NotRunException e) {
      return RowResult.notRun(spec, e.getMessage());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // An unexpected failure of one row must not lose the rows already measured.
      return RowResult.notRun(spec, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String summary(RowResult result) {
    if (!result.ran()) {
      return "not run: " + result.notRunReason();
    }
    Measurement m = result.measurement();
    return Formats.rate(m.rowsPerSecond()) + " rows/s"
        + (m.hasLatencies() ? ", p50 " + Formats.latency(m.p50Nanos()) + ", p99 "
            + Formats.latency(m.p99Nanos()) : "")
        + (m.heapBytes() != Measurement.NO_HEAP
            ? ", server heap after GC " + Formats.format("%.1f MiB", m.heapBytes() / 1048576.0)
            : "")
        + (m.errors() > 0 ? ", " + m.errors() + " failed" : "");
  }
}
