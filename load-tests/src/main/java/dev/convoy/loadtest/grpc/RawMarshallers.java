package dev.convoy.loadtest.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Marshallers that keep protobuf out of the load's hot path: a request goes out as bytes
 * serialised once before the run, and a response is read past without being parsed (its size
 * is all that is kept). The status is what a load run judges a call by, as ghz does.
 */
public final class RawMarshallers {

  private RawMarshallers() {}

  /**
   * {@code method} with the same name and type, sending pre-serialised request bytes and
   * skipping the response bytes.
   */
  public static MethodDescriptor<byte[], Long> raw(MethodDescriptor<?, ?> method) {
    return method.toBuilder(new Requests(), new ResponseSizes()).build();
  }

  /** A method known only by its name and type (from a descriptor), with these marshallers. */
  public static MethodDescriptor<byte[], Long> forMethod(
      String fullMethodName, MethodDescriptor.MethodType type) {
    return MethodDescriptor.newBuilder(new Requests(), new ResponseSizes())
        .setFullMethodName(fullMethodName).setType(type).build();
  }

  /** Sends the bytes as they are; grpc-java sizes the frame from {@link KnownLength}. */
  static final class Requests implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new Bytes(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Reads past a response, returning its length in bytes. */
  static final class ResponseSizes implements MethodDescriptor.Marshaller<Long> {
    @Override
    public InputStream stream(Long value) {
      throw new UnsupportedOperationException("a load client sends no responses");
    }

    @Override
    public Long parse(InputStream stream) {
      try {
        long length = 0;
        while (true) {
          long skipped = stream.skip(Integer.MAX_VALUE);
          if (skipped > 0) {
            length += skipped;
          } else if (stream.read() >= 0) {
            length++;
          } else {
            return length;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An array as a stream grpc-java can size and drain into its buffer in one copy. */
  private static final class Bytes extends ByteArrayInputStream implements KnownLength, Drainable {
    Bytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
