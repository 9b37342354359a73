package dev.convoy.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.KnownLength;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ByteMarshallerTest {

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }

  @Test
  void parse_knownLengthStream_readIntoOneArrayOfItsLength() {
    byte[] message = bytes(300);
    Recording stream = new Recording(message, message.length);

    assertThat(ByteMarshaller.INSTANCE.parse(stream)).isEqualTo(message);
    // readAllBytes would read through an 8 KiB buffer, then copy into the result again.
    assertThat(stream.largestRead).isEqualTo(message.length);
  }

  @Test
  void parse_streamHoldingMoreThanItSays_keepsEveryByte() {
    byte[] message = bytes(20_000);

    assertThat(ByteMarshaller.INSTANCE.parse(new Recording(message, 100))).isEqualTo(message);
  }

  @Test
  void parse_streamHoldingLessThanItSays_returnsWhatItHeld() {
    byte[] message = bytes(100);

    assertThat(ByteMarshaller.INSTANCE.parse(new Recording(message, 150))).isEqualTo(message);
  }

  @Test
  void parse_streamOfUnknownLength_readsItAll() {
    byte[] message = bytes(20_000);

    assertThat(ByteMarshaller.INSTANCE.parse(new ByteArrayInputStream(message)))
        .isEqualTo(message);
  }

  @Test
  void parse_ownStream_roundTrips() {
    byte[] message = bytes(1000);

    assertThat(ByteMarshaller.INSTANCE.parse(ByteMarshaller.INSTANCE.stream(message)))
        .isEqualTo(message);
  }

  /** A stream that says it holds {@code said} bytes and records the largest read asked of it. */
  private static final class Recording extends InputStream implements KnownLength {
    private final ByteArrayInputStream bytes;
    private final int said;
    private int taken;
    int largestRead;

    Recording(byte[] content, int said) {
      this.bytes = new ByteArrayInputStream(content);
      this.said = said;
    }

    @Override
    public int available() {
      return Math.max(0, said - taken);
    }

    @Override
    public int read() {
      int b = bytes.read();
      taken += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      largestRead = Math.max(largestRead, length);
      int n = bytes.read(target, offset, length);
      taken += Math.max(0, n);
      return n;
    }
  }
}
