package dev.convoy.batch.job;

import dev.convoy.batch.input.InputRow;
import dev.convoy.batch.input.RowReader;
import dev.convoy.batch.output.Checkpoint;
import dev.convoy.batch.output.ResultFiles;
import dev.convoy.batch.output.ResultLines;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.Channel;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One run of a job: resumes from the checkpoint, reads the rest of the input one row at a
 * time, packs CSV rows into requests of up to {@code rowsPerRequest} rows, keeps at most
 * {@code inFlightRows} rows sent and not yet written, and writes every row's line in row order.
 *
 * <p>Failures: UNAVAILABLE and RESOURCE_EXHAUSTED are retried with back-off up to
 * {@code retries} times. A request still UNAVAILABLE after that stops the run (the server is
 * gone; the rows stay unwritten, so a rerun does them). A multi-row request refused with
 * INVALID_ARGUMENT is split into one-row requests, so only the offending rows fail. Any other
 * failure is each of its rows' error line.
 */
public final class BatchJob implements StreamSender.Outcomes {
  /**
   * @param rowsOk rows in the results file (all runs)
   * @param rowsFailed rows in the errors file (all runs)
   * @param rowsThisRun rows this run wrote
   * @param stopped why the run stopped before the end of the input, or null
   */
  public record Result(long rowsOk, long rowsFailed, long rowsThisRun, long elapsedNanos, boolean complete,
      String stopped) {}

  private static final long WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final JobSettings settings;
  private final Channel channel;
  private final InputSpec inputSpec;
  private final RequestPacker packer;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanoTime;
  private final ProgressListener progress;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Chunk> order = new ArrayDeque<>(); // guarded by lock: sent, not yet written
  private int rowsInFlight; // guarded by lock
  private String stopReason; // guarded by lock
  private StreamSender sender;
  private long resumedRow;

  /**
   * @param inputSpec the model CSV rows are packed for; null for JSONL input
   * @param timer runs retries and deadlines
   */
  public BatchJob(JobSettings settings, Channel channel, InputSpec inputSpec, ScheduledExecutorService timer,
      LongSupplier nanoTime, ProgressListener progress) {
    this.settings = settings;
    this.channel = channel;
    this.inputSpec = inputSpec;
    this.packer = inputSpec == null ? null : new RequestPacker(inputSpec);
    this.timer = timer;
    this.nanoTime = nanoTime;
    this.progress = progress;
    this.backoff = settings.backoffPolicy();
  }

  /** Stops the run as soon as it can: what is written so far is committed, the rest is left for a rerun. */
  public void stop(String reason) {
    lock.lock();
    try {
      if (stopReason == null) {
        stopReason = reason;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @throws IllegalStateException when the checkpoint belongs to another input, or the output
   *     exists without one
   */
  public Result run(long totalRows) throws IOException {
    long start = nanoTime.getAsLong();
    Checkpoint from = resumePoint();
    if (from.complete()) {
      return new Result(from.rowsOk(), from.rowsFailed(), 0, 0, true, null);
    }
    try (ResultFiles files = ResultFiles.open(settings.output(), from.outputBytes(), settings.errors(),
            from.errorsBytes());
        RowReader reader = settings.format().open(settings.input());
        StreamSender streams = new StreamSender(channel, settings.streams(), settings.deadline(), timer, this)) {
      sender = streams;
      Committer committer = new Committer(files, settings.checkpoint(), from, settings.commitEvery().toNanos(), start);
      resumedRow = from.nextRow();
      skip(reader, resumedRow);
      boolean exhausted = sendAll(reader, committer, totalRows, start);
      drain(committer, totalRows, start);
      boolean complete = exhausted && isEmpty() && stopReason() == null;
      committer.commit(complete, nanoTime.getAsLong());
      return new Result(committer.rowsOk(), committer.rowsFailed(), committer.nextRow() - from.nextRow(),
          nanoTime.getAsLong() - start, complete, stopReason());
    }
  }

  private Checkpoint resumePoint() throws IOException {
    String input = settings.input().toAbsolutePath() + " (" + Files.size(settings.input()) + " bytes)";
    Checkpoint from = Checkpoint.read(settings.checkpoint()).orElse(null);
    if (from == null) {
      if (Files.exists(settings.output()) && Files.size(settings.output()) > 0) {
        throw new IllegalStateException(settings.output() + " exists and has no checkpoint ("
            + settings.checkpoint() + "): not overwriting it; remove it or choose another --output");
      }
      from = Checkpoint.start(input);
      from.write(settings.checkpoint());
    } else if (!from.input().equals(input)) {
      throw new IllegalStateException("checkpoint " + settings.checkpoint() + " is for " + from.input()
          + ", not " + input + ": remove it (and the output) or choose another --output");
    }
    return from;
  }

  private static void skip(RowReader reader, long rows) throws IOException {
    for (long r = 0; r < rows; r++) {
      if (reader.next() == null) {
        throw new IllegalStateException("the checkpoint is past the end of the input (row " + rows + ")");
      }
    }
  }

  /** Sends every remaining row; false if the run was stopped first. */
  private boolean sendAll(RowReader reader, Committer committer, long total, long start) throws IOException {
    List<InputRow.Cells> batch = new ArrayList<>();
    List<byte[]> encoded = new ArrayList<>();
    int perRequest = rowsPerRequest();
    for (InputRow row = reader.next(); row != null; row = reader.next()) {
      if (row instanceof InputRow.Cells cells) {
        byte[] values;
        try {
          values = packer.encode(cells.values());
        } catch (IllegalArgumentException e) {
          flush(batch, encoded, committer, total, start);
          submit(malformed(row, e.getMessage()), committer, total, start);
          continue;
        }
        batch.add(cells);
        encoded.add(values);
        if (batch.size() == perRequest && !flush(batch, encoded, committer, total, start)) {
          return false;
        }
      } else {
        flush(batch, encoded, committer, total, start);
        Chunk chunk = row instanceof InputRow.Request request ? requestChunk(request)
            : malformed(row, ((InputRow.Malformed) row).problem());
        if (!submit(chunk, committer, total, start)) {
          return false;
        }
      }
      if (stopReason() != null) {
        return false;
      }
    }
    return flush(batch, encoded, committer, total, start);
  }

  private int rowsPerRequest() {
    if (inputSpec == null || !inputSpec.batched()) {
      return 1;
    }
    return settings.rowsPerRequest() > 0 ? settings.rowsPerRequest() : inputSpec.maxBatchSize();
  }

  private boolean flush(List<InputRow.Cells> batch, List<byte[]> encoded, Committer committer, long total, long start)
      throws IOException {
    if (batch.isEmpty()) {
      return true;
    }
    Chunk chunk = new Chunk(batch.get(0).index(), batch.stream().map(InputRow::id).toList(), packer.pack(encoded));
    batch.clear();
    encoded.clear();
    return submit(chunk, committer, total, start);
  }

  private Chunk requestChunk(InputRow.Request row) {
    ModelInferRequest request = row.request();
    if (request.getModelName().isEmpty() && !settings.model().isEmpty()) {
      request = request.toBuilder().setModelName(settings.model()).setModelVersion(settings.modelVersion()).build();
    }
    if (request.getModelName().isEmpty()) {
      return malformed(row, "the request names no model, and no --model was given");
    }
    return new Chunk(row.index(), List.of(row.id()), request);
  }

  private static Chunk malformed(InputRow row, String problem) {
    Chunk chunk = new Chunk(row.index(), List.of(row.id()), null);
    chunk.finish(List.of(new RowLine(true, ResultLines.error(row.index(), row.id(),
        Status.Code.INVALID_ARGUMENT.name(), problem))));
    return chunk;
  }

  /** Waits for room in flight (writing what is done meanwhile), then sends; false if stopped. */
  private boolean submit(Chunk chunk, Committer committer, long total, long start) throws IOException {
    while (true) {
      writeFinished(committer, total, start);
      lock.lock();
      try {
        if (stopReason != null) {
          return false;
        }
        if (order.isEmpty() || rowsInFlight + chunk.rows() <= settings.inFlightRows()) {
          order.add(chunk);
          rowsInFlight += chunk.rows();
          break;
        }
        changed.awaitNanos(WAKE_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopReason = "interrupted";
        return false;
      } finally {
        lock.unlock();
      }
    }
    if (chunk.request() != null) {
      sender.send(chunk);
    }
    return true;
  }

  /** Waits until everything sent is written, or the run is stopped. */
  private void drain(Committer committer, long total, long start) throws IOException {
    while (true) {
      writeFinished(committer, total, start);
      lock.lock();
      try {
        if (order.isEmpty() || stopReason != null) {
          return;
        }
        changed.awaitNanos(WAKE_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopReason = "interrupted";
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Writes the finished chunks at the head of the row order, and commits if it is time. */
  private void writeFinished(Committer committer, long total, long start) throws IOException {
    List<Chunk> ready = new ArrayList<>();
    lock.lock();
    try {
      while (!order.isEmpty() && order.peek().done()) {
        Chunk chunk = order.poll();
        rowsInFlight -= chunk.rows();
        ready.add(chunk);
      }
    } finally {
      lock.unlock();
    }
    for (Chunk chunk : ready) {
      committer.write(chunk);
    }
    long now = nanoTime.getAsLong();
    committer.commitIfDue(now);
    progress.update(committer.nextRow(), committer.nextRow() - resumedRow, total, now - start);
  }

  @Override
  public void answered(Chunk chunk, ModelInferResponse response) {
    List<RowLine> lines = new ArrayList<>(chunk.rows());
    try {
      ResultLines.results(response, chunk.firstRow(), chunk.ids()).forEach(l -> lines.add(new RowLine(false, l)));
    } catch (IllegalStateException e) {
      lines.clear();
      failRows(chunk, Status.Code.INTERNAL.name(), e.getMessage());
      return;
    }
    finished(chunk.finish(lines));
  }

  @Override
  public void failed(Chunk chunk, Status.Code code, String message) {
    boolean retryable = code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED;
    if (retryable && chunk.attempts() <= backoff.retries()) {
      timer.schedule(() -> resend(chunk), backoff.delayNanos(chunk.attempts()), TimeUnit.NANOSECONDS);
    } else if (code == Status.Code.UNAVAILABLE) {
      stop("the server stayed unavailable for " + chunk.attempts() + " attempts (" + message + ")");
    } else if (code == Status.Code.INVALID_ARGUMENT && chunk.rows() > 1 && packer != null) {
      List<ModelInferRequest> parts = packer.unpack(chunk.request(), chunk.rows());
      for (int r = 0; r < parts.size(); r++) {
        resend(chunk.part(r, parts.get(r)));
      }
    } else {
      failRows(chunk, code.name(), message);
    }
  }

  private void failRows(Chunk chunk, String status, String message) {
    List<RowLine> lines = new ArrayList<>(chunk.rows());
    for (int r = 0; r < chunk.rows(); r++) {
      lines.add(new RowLine(true, ResultLines.error(chunk.firstRow() + r, chunk.ids().get(r), status, message)));
    }
    finished(chunk.finish(lines));
  }

  private void resend(Chunk chunk) {
    if (stopReason() == null) {
      sender.send(chunk);
    }
  }

  private void finished(Chunk done) {
    if (done == null) {
      return;
    }
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private String stopReason() {
    lock.lock();
    try {
      return stopReason;
    } finally {
      lock.unlock();
    }
  }

  private boolean isEmpty() {
    lock.lock();
    try {
      return order.isEmpty();
    } finally {
      lock.unlock();
    }
  }
}
