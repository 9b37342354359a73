package dev.convoy.loadtest.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * ModelStreamInfer messages as a load client needs them, without protobuf objects on the hot
 * path. A request is its bytes serialised once before the run followed by its own {@code id}
 * field (a later occurrence of a protobuf field wins), written straight into grpc-java's
 * buffer: copying every request into a new array to append the id took 29% of the client's CPU
 * on a stream of 32-row requests. An answer is read only for its id and error message.
 */
final class StreamMessages {

  /** {@code ModelInferRequest.id} and {@code ModelInferResponse.id}. */
  private static final int ID_FIELD = 3;
  /** {@code ModelStreamInferResponse.error_message}. */
  private static final int ERROR_MESSAGE_FIELD = 1;
  /** {@code ModelStreamInferResponse.infer_response}. */
  private static final int INFER_RESPONSE_FIELD = 2;

  private StreamMessages() {}

  /** A pre-serialised {@code ModelInferRequest} sent with the id {@code id}. */
  record Request(byte[] serialized, String id) {}

  /** What a load client reads of a {@code ModelStreamInferResponse}. */
  record Answer(String id, String errorMessage) {}

  static MethodDescriptor.Marshaller<Request> requests() {
    return new Requests();
  }

  static MethodDescriptor.Marshaller<Answer> answers() {
    return new Answers();
  }

  private static final class Requests implements MethodDescriptor.Marshaller<Request> {
    @Override
    public InputStream stream(Request request) {
      return new RequestStream(request.serialized(), request.id().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Request parse(InputStream stream) {
      throw new UnsupportedOperationException("a load client receives no requests");
    }
  }

  private static final class Answers implements MethodDescriptor.Marshaller<Answer> {
    @Override
    public InputStream stream(Answer answer) {
      throw new UnsupportedOperationException("a load client sends no answers");
    }

    @Override
    public Answer parse(InputStream stream) {
      try {
        return read(CodedInputStream.newInstance(stream));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Answer read(CodedInputStream in) throws IOException {
      String id = "";
      String errorMessage = "";
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case ERROR_MESSAGE_FIELD -> errorMessage = in.readStringRequireUtf8();
          case INFER_RESPONSE_FIELD -> {
            int limit = in.pushLimit(in.readRawVarint32());
            id = readId(in, id);
            in.popLimit(limit);
          }
          default -> in.skipField(tag);
        }
      }
      return new Answer(id, errorMessage);
    }

    /** The last id field of a {@code ModelInferResponse}, or {@code id} when it has none. */
    private static String readId(CodedInputStream in, String id) throws IOException {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == ID_FIELD) {
          id = in.readStringRequireUtf8();
        } else {
          in.skipField(tag);
        }
      }
      return id;
    }
  }

  /** The request's bytes, then its id field, sized and drained by grpc-java in one copy. */
  private static final class RequestStream extends InputStream implements KnownLength, Drainable {
    private final byte[] serialized;
    private final byte[] idField;
    private int position;

    RequestStream(byte[] serialized, byte[] id) {
      this.serialized = serialized;
      this.idField = idField(id);
    }

    private static byte[] idField(byte[] id) {
      byte[] field = new byte[CodedOutputStream.computeByteArraySize(ID_FIELD, id)];
      CodedOutputStream out = CodedOutputStream.newInstance(field);
      try {
        out.writeByteArray(ID_FIELD, id);
      } catch (IOException e) {
        throw new UncheckedIOException("an id field is sized before it is written", e);
      }
      return field;
    }

    private int length() {
      return serialized.length + idField.length;
    }

    @Override
    public int available() {
      return length() - position;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int drained = available();
      if (position < serialized.length) {
        target.write(serialized, position, serialized.length - position);
        position = serialized.length;
      }
      target.write(idField, position - serialized.length, idField.length - (position - serialized.length));
      position = length();
      return drained;
    }

    @Override
    public int read() {
      if (position >= length()) {
        return -1;
      }
      int at = position++;
      return (at < serialized.length ? serialized[at] : idField[at - serialized.length]) & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int count) {
      if (count == 0) {
        return 0;
      }
      int copied = 0;
      while (copied < count && position < length()) {
        byte[] part = position < serialized.length ? serialized : idField;
        int at = position < serialized.length ? position : position - serialized.length;
        int n = Math.min(count - copied, part.length - at);
        System.arraycopy(part, at, into, offset + copied, n);
        copied += n;
        position += n;
      }
      return copied == 0 ? -1 : copied;
    }
  }
}
