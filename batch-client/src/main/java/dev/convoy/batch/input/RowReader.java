package dev.convoy.batch.input;

import java.io.IOException;

/** Reads an input file's rows in order. */
public interface RowReader extends AutoCloseable {
  /** The next row, or null at the end of the file. */
  InputRow next() throws IOException;

  @Override
  void close() throws IOException;
}
