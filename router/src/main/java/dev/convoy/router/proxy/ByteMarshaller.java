package dev.convoy.router.proxy;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Messages as the bytes they arrived in. Incoming streams that know their length (gRPC's do)
 * are read straight into an array of that length; outgoing streams report their length and
 * drain straight into gRPC's framer. So forwarding costs one copy in and one out.
 */
public final class ByteMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  public static final ByteMarshaller INSTANCE = new ByteMarshaller();

  private ByteMarshaller() {}

  @Override
  public InputStream stream(byte[] value) {
    return new Bytes(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      if (!(stream instanceof KnownLength)) {
        return stream.readAllBytes();
      }
      // Not readAllBytes: it reads through 8 KiB chunks and copies them into the result again.
      byte[] message = new byte[stream.available()];
      int read = stream.readNBytes(message, 0, message.length);
      if (read < message.length) {
        return Arrays.copyOf(message, read);
      }
      int next = stream.read();
      if (next == -1) {
        return message;
      }
      // The stream held more than it said: keep it all.
      ByteArrayOutputStream longer = new ByteArrayOutputStream(message.length + 1);
      longer.write(message);
      longer.write(next);
      stream.transferTo(longer);
      return longer.toByteArray();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("cannot read message").withCause(e).asRuntimeException();
    }
  }

  private static final class Bytes extends ByteArrayInputStream implements KnownLength, Drainable {
    Bytes(byte[] value) {
      super(value);
    }

    @Override
    public synchronized int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
