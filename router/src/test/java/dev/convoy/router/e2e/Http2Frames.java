package dev.convoy.router.e2e;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes an HTTP/2 client would send for gRPC calls, built by hand so a test decides which
 * frames travel together: written at once, they arrive in one read of the peer. Headers are
 * HPACK literals without indexing and without Huffman coding.
 */
final class Http2Frames {
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int RST_STREAM = 0x3;
  private static final int SETTINGS = 0x4;
  private static final int END_STREAM = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int CANCEL = 0x8;

  private final String authority;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Starts with the connection preface and empty SETTINGS. */
  Http2Frames(String authority) {
    this.authority = authority;
    out.writeBytes(PREFACE);
    frame(SETTINGS, 0, 0, new byte[0]);
  }

  /** A whole unary call on {@code stream} (odd, rising): its headers, then its one message. */
  Http2Frames call(int stream, String path, MessageLite request) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    header(block, ":method", "POST");
    header(block, ":scheme", "http");
    header(block, ":path", path);
    header(block, ":authority", authority);
    header(block, "content-type", "application/grpc");
    header(block, "te", "trailers");
    frame(HEADERS, END_HEADERS, stream, block.toByteArray());
    byte[] message = request.toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0); // not compressed
    body.writeBytes(new byte[] {(byte) (message.length >>> 24), (byte) (message.length >>> 16),
        (byte) (message.length >>> 8), (byte) message.length});
    body.writeBytes(message);
    frame(DATA, END_STREAM, stream, body.toByteArray());
    return this;
  }

  /** The client cancels {@code stream}. */
  Http2Frames cancel(int stream) {
    frame(RST_STREAM, 0, stream, new byte[] {0, 0, 0, CANCEL});
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private void frame(int type, int flags, int stream, byte[] payload) {
    out.writeBytes(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
        (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
        (byte) stream});
    out.writeBytes(payload);
  }

  private static void header(ByteArrayOutputStream block, String name, String value) {
    block.write(0); // literal without indexing, new name
    string(block, name);
    string(block, value);
  }

  private static void string(ByteArrayOutputStream block, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    integer(block, bytes.length);
    block.writeBytes(bytes);
  }

  /** An HPACK integer with a 7-bit prefix (RFC 7541, 5.1), Huffman bit clear. */
  private static void integer(ByteArrayOutputStream block, int value) {
    if (value < 127) {
      block.write(value);
      return;
    }
    block.write(127);
    int rest = value - 127;
    while (rest >= 128) {
      block.write((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    block.write(rest);
  }
}
