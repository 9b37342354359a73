package dev.convoy.batch.job;

import dev.convoy.batch.output.Checkpoint;
import dev.convoy.batch.output.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes finished chunks, in row order, to the results and errors files, and now and then
 * commits: fsyncs both files, then replaces the checkpoint with their new offsets. A crash
 * between the two leaves lines past the checkpoint's offsets, which a resumed run cuts off
 * and redoes: every row ends up exactly once in one of the files.
 */
final class Committer {
  private final ResultFiles files;
  private final Path checkpointFile;
  private final String input;
  private final long commitEveryNanos;
  private long nextRow;
  private long rowsOk;
  private long rowsFailed;
  private long lastCommit;
  private boolean dirty;

  Committer(ResultFiles files, Path checkpointFile, Checkpoint from, long commitEveryNanos, long now) {
    this.files = files;
    this.checkpointFile = checkpointFile;
    this.input = from.input();
    this.commitEveryNanos = commitEveryNanos;
    this.nextRow = from.nextRow();
    this.rowsOk = from.rowsOk();
    this.rowsFailed = from.rowsFailed();
    this.lastCommit = now;
  }

  void write(Chunk chunk) throws IOException {
    if (chunk.firstRow() != nextRow) {
      throw new IllegalStateException("chunk at row " + chunk.firstRow() + " written where row " + nextRow + " is due");
    }
    for (RowLine line : chunk.lines()) {
      if (line.error()) {
        files.error(line.json());
        rowsFailed++;
      } else {
        files.output(line.json());
        rowsOk++;
      }
    }
    nextRow += chunk.rows();
    dirty = true;
  }

  void commitIfDue(long now) throws IOException {
    if (dirty && now - lastCommit >= commitEveryNanos) {
      commit(false, now);
    }
  }

  void commit(boolean complete, long now) throws IOException {
    files.commit();
    new Checkpoint(input, nextRow, files.outputBytes(), files.errorsBytes(), rowsOk, rowsFailed, complete)
        .write(checkpointFile);
    lastCommit = now;
    dirty = false;
  }

  long nextRow() {
    return nextRow;
  }

  long rowsOk() {
    return rowsOk;
  }

  long rowsFailed() {
    return rowsFailed;
  }
}
