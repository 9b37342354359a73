package dev.convoy.batch.output;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * How far a job has durably got: every input row below {@code nextRow} is in the results or
 * the errors file, within their first {@code outputBytes} and {@code errorsBytes} bytes, and
 * nothing beyond those offsets counts. Written atomically (a temporary file, fsync, rename,
 * fsync of the directory) only after the files it describes were fsynced.
 *
 * @param input what the job reads, so that a checkpoint is never applied to another job
 * @param rowsOk rows below {@code nextRow} in the results file
 * @param rowsFailed rows below {@code nextRow} in the errors file
 * @param complete the whole input is done
 */
public record Checkpoint(String input, long nextRow, long outputBytes, long errorsBytes, long rowsOk,
    long rowsFailed, boolean complete) {
  private static final Gson GSON = new Gson();

  public static Checkpoint start(String input) {
    return new Checkpoint(input, 0, 0, 0, 0, 0, false);
  }

  /** The checkpoint at {@code file}, if there is one. */
  public static Optional<Checkpoint> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Checkpoint read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Checkpoint.class);
      if (read == null || read.input() == null) {
        throw new IOException("checkpoint " + file + " is empty or incomplete");
      }
      return Optional.of(read);
    } catch (JsonParseException e) {
      throw new IOException("checkpoint " + file + " is not readable: " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(StandardCharsets.UTF_8.encode(GSON.toJson(this)));
      out.force(true);
    }
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot replace " + file + " atomically on this file system", e);
    }
    syncDirectory(file.toAbsolutePath().getParent());
  }

  /** Makes a rename durable; a no-op where directories cannot be opened (not Linux). */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms refuse to open a directory; the rename itself is still atomic there.
    }
  }
}
