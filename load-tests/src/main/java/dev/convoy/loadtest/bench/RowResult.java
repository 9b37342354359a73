package dev.convoy.loadtest.bench;

import java.util.Objects;

/**
 * A row after the run: measured, or not run with the reason.
 *
 * @param measurement null when the row did not run
 * @param notRunReason null when the row ran
 */
public record RowResult(RowSpec spec, Measurement measurement, String notRunReason) {

  public RowResult {
    Objects.requireNonNull(spec, "spec");
    if ((measurement == null) == (notRunReason == null)) {
      throw new IllegalArgumentException("a row is either measured or not run, with a reason");
    }
  }

  public static RowResult measured(RowSpec spec, Measurement measurement) {
    return new RowResult(spec, measurement, null);
  }

  public static RowResult notRun(RowSpec spec, String reason) {
    return new RowResult(spec, null, reason);
  }

  public boolean ran() {
    return measurement != null;
  }

  public String id() {
    return spec.id();
  }
}
