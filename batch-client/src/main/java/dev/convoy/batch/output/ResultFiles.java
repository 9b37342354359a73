package dev.convoy.batch.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The results and errors files of a job. Lines are appended after the offsets of the
 * checkpoint the job resumes from (anything past them, written before an interruption, is cut
 * off first) and made durable by {@link #commit}.
 */
public final class ResultFiles implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 20;

  private final Sink output;
  private final Sink errors;

  private ResultFiles(Sink output, Sink errors) {
    this.output = output;
    this.errors = errors;
  }

  /** Opens (creating) both files, truncated to {@code outputBytes} and {@code errorsBytes}. */
  public static ResultFiles open(Path output, long outputBytes, Path errors, long errorsBytes) throws IOException {
    Sink out = Sink.open(output, outputBytes);
    try {
      return new ResultFiles(out, Sink.open(errors, errorsBytes));
    } catch (IOException e) {
      out.close();
      throw e;
    }
  }

  public void output(String line) throws IOException {
    output.append(line);
  }

  public void error(String line) throws IOException {
    errors.append(line);
  }

  /** Writes what is buffered and fsyncs both files; then the offsets are safe to checkpoint. */
  public void commit() throws IOException {
    output.sync();
    errors.sync();
  }

  public long outputBytes() {
    return output.position();
  }

  public long errorsBytes() {
    return errors.position();
  }

  @Override
  public void close() throws IOException {
    try {
      output.close();
    } finally {
      errors.close();
    }
  }

  /** One append-only file with a write buffer. */
  private static final class Sink implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long position;

    private Sink(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    static Sink open(Path file, long offset) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long size = channel.size();
      if (size < offset) {
        channel.close();
        throw new IOException(file + " is shorter (" + size + " bytes) than its checkpoint says (" + offset
            + "): it was changed outside the job");
      }
      channel.truncate(offset);
      channel.position(offset);
      return new Sink(channel, offset);
    }

    void append(String line) throws IOException {
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      if (bytes.length > buffer.remaining()) {
        drain();
      }
      if (bytes.length > buffer.capacity()) {
        write(ByteBuffer.wrap(bytes));
      } else {
        buffer.put(bytes);
      }
      position += bytes.length;
    }

    void sync() throws IOException {
      drain();
      channel.force(false);
    }

    long position() {
      return position;
    }

    private void drain() throws IOException {
      buffer.flip();
      write(buffer);
      buffer.clear();
    }

    private void write(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
