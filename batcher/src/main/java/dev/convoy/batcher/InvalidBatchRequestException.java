package dev.convoy.batcher;

/** A request with fewer than one row, or more than {@code max_batch_size}. */
public final class InvalidBatchRequestException extends IllegalArgumentException {
  private final int rows;
  private final int maxRows;

  InvalidBatchRequestException(String batcherName, int rows, int maxRows) {
    super("model '" + batcherName + "': " + (rows < 1
        ? "a request needs at least 1 row, got " + rows
        : "request has " + rows + " rows, more than max_batch_size " + maxRows));
    this.rows = rows;
    this.maxRows = maxRows;
  }

  public int rows() {
    return rows;
  }

  /** The most rows a request may have. */
  public int maxRows() {
    return maxRows;
  }
}
