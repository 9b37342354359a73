package dev.convoy.batch.input;

import dev.convoy.proto.inference.ModelInferRequest;
import java.util.List;

/** One row of an input file; {@code index} counts rows from 0 in file order (header and blank lines excluded). */
public sealed interface InputRow {
  long index();

  /** The input's own id, or "" when it has none. */
  String id();

  /** A CSV row: the text of its input columns, in order. */
  record Cells(long index, String id, List<String> values) implements InputRow {
    public Cells {
      values = List.copyOf(values);
    }
  }

  /** A JSONL row: a whole request. */
  record Request(long index, String id, ModelInferRequest request) implements InputRow {}

  /** A row that cannot be sent, and why. */
  record Malformed(long index, String id, String problem) implements InputRow {}
}
