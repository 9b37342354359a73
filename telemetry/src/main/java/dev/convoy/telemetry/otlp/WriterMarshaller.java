package dev.convoy.telemetry.otlp;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lets grpc-java write an exporter's message straight into its frame ({@link Drainable}), with
 * its length known up front ({@link KnownLength}); only a reader that pulls bytes gets a copy.
 */
final class WriterMarshaller implements MethodDescriptor.Marshaller<MessageWriter> {
  @Override
  public InputStream stream(MessageWriter message) {
    return new WriterStream(message);
  }

  @Override
  public MessageWriter parse(InputStream stream) {
    throw new UnsupportedOperationException("export requests are only sent");
  }

  private static final class WriterStream extends InputStream implements Drainable, KnownLength {
    private final MessageWriter message;
    private InputStream copy;
    private boolean drained;

    WriterStream(MessageWriter message) {
      this.message = message;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      if (copy != null || drained) {
        return (int) copied().transferTo(target);
      }
      drained = true;
      int length = message.getContentLength();
      message.writeMessage(target);
      return length;
    }

    @Override
    public int available() throws IOException {
      return copy != null ? copy.available() : drained ? 0 : message.getContentLength();
    }

    @Override
    public int read() throws IOException {
      return copied().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return copied().read(buffer, offset, length);
    }

    private InputStream copied() throws IOException {
      if (copy == null) {
        if (drained) {
          copy = InputStream.nullInputStream();
        } else {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, message.getContentLength()));
          message.writeMessage(bytes);
          copy = new ByteArrayInputStream(bytes.toByteArray());
        }
      }
      return copy;
    }
  }
}
