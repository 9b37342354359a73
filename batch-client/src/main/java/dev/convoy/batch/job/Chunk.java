package dev.convoy.batch.job;

import dev.convoy.proto.inference.ModelInferRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consecutive input rows that travel together: one request for them all, or rows that were
 * finished without one (malformed). It is done once every row has its line. A request refused
 * as a whole for a reason that may lie in one row is split into one-row parts, each filling
 * its own row.
 */
final class Chunk {
  private final long firstRow;
  private final List<String> ids;
  private final ModelInferRequest request;
  private final Chunk parent;
  private final int slot;
  private final RowLine[] lines;
  private final AtomicInteger unfinished;
  private int attempts; // touched by one sender at a time: an attempt starts after the previous one ended

  /** @param request null: the rows are finished at once, without a request */
  Chunk(long firstRow, List<String> ids, ModelInferRequest request) {
    this(firstRow, ids, request, null, 0);
  }

  private Chunk(long firstRow, List<String> ids, ModelInferRequest request, Chunk parent, int slot) {
    this.firstRow = firstRow;
    this.ids = List.copyOf(ids);
    this.request = request;
    this.parent = parent;
    this.slot = slot;
    this.lines = new RowLine[ids.size()];
    this.unfinished = new AtomicInteger(ids.size());
  }

  /** A one-row part of this chunk, for row {@code index} (0-based within the chunk). */
  Chunk part(int index, ModelInferRequest oneRow) {
    return new Chunk(firstRow + index, List.of(ids.get(index)), oneRow, this, index);
  }

  long firstRow() {
    return firstRow;
  }

  int rows() {
    return ids.size();
  }

  List<String> ids() {
    return ids;
  }

  ModelInferRequest request() {
    return request;
  }

  int startAttempt() {
    return ++attempts;
  }

  int attempts() {
    return attempts;
  }

  /** Gives every row its line; returns the top-level chunk if it is now done, else null. */
  Chunk finish(List<RowLine> rowLines) {
    if (parent != null) {
      return parent.finishRow(slot, rowLines.get(0));
    }
    for (int i = 0; i < rowLines.size(); i++) {
      lines[i] = rowLines.get(i);
    }
    unfinished.set(0);
    return this;
  }

  private Chunk finishRow(int index, RowLine line) {
    lines[index] = line;
    return unfinished.decrementAndGet() == 0 ? this : null;
  }

  boolean done() {
    return unfinished.get() == 0;
  }

  /** The rows' lines, in row order; only once done. */
  List<RowLine> lines() {
    return Arrays.asList(lines);
  }
}
