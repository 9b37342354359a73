package dev.convoy.monitor.cli;

import dev.convoy.monitor.reference.ReferenceCsv;
import dev.convoy.monitor.reference.ReferenceRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A CSV of rows (features, a {@code label} column) whose request ids are {@code <prefix><row>}. */
final class CsvRows {
  private CsvRows() {
  }

  static List<ReferenceRow> read(Path csv) {
    try {
      return ReferenceCsv.read(csv).rows();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
  }

  static String requestId(String prefix, int row) {
    return prefix + row;
  }
}
