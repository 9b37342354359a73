package dev.convoy.loadtest.report;

import java.io.IOException;

/** Writes one report format. */
public interface ReportWriter {

  void write(RunReport report, Appendable out) throws IOException;
}
