package dev.convoy.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
  private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<byte[]> TOKEN = Metadata.Key.of("x-token-bin", Metadata.BINARY_BYTE_MARSHALLER);
  private static final Metadata.Key<String> TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TAG = Metadata.Key.of("x-tag", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void copy_applicationMetadata_passesWithEveryValue() {
    Metadata source = new Metadata();
    source.put(TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    source.put(TOKEN, new byte[] {1, 2, 3});
    source.put(TAG, "a");
    source.put(TAG, "b");

    Metadata copy = ForwardedHeaders.copy(source);

    assertThat(copy.get(TRACEPARENT)).isEqualTo(source.get(TRACEPARENT));
    assertThat(copy.get(TOKEN)).containsExactly(1, 2, 3);
    assertThat(copy.getAll(TAG)).containsExactly("a", "b");
  }

  @Test
  void copy_transportHeaders_dropped() {
    Metadata source = new Metadata();
    source.put(TIMEOUT, "1S");
    source.put(USER_AGENT, "grpc-java");

    Metadata copy = ForwardedHeaders.copy(source);

    assertThat(copy.keys()).isEmpty();
    assertThat(ForwardedHeaders.passes("grpc-trace-bin")).isTrue();
    assertThat(ForwardedHeaders.passes("grpc-status")).isFalse();
    assertThat(ForwardedHeaders.passes(":authority")).isFalse();
  }

  @Test
  void copy_null_isEmpty() {
    assertThat(ForwardedHeaders.copy(null).keys()).isEmpty();
  }
}
