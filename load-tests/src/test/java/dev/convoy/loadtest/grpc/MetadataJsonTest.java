package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

class MetadataJsonTest {

  @Test
  void parse_objectOfStrings_asciiAndBinaryHeaders() {
    Metadata metadata =
        MetadataJson.parse("{\"Authorization\":\"Bearer t\",\"trace-bin\":\"AQI=\"}", "-m");

    assertThat(metadata.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("Bearer t");
    assertThat(metadata.get(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
        .containsExactly(1, 2);
  }

  @Test
  void parse_blank_noHeaders() {
    assertThat(MetadataJson.parse(null, "-m").keys()).isEmpty();
  }

  @Test
  void parse_notJson_namesSource() {
    assertThatThrownBy(() -> MetadataJson.parse("{oops", "-m/--metadata"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-m/--metadata is not valid JSON");
  }

  @Test
  void parse_array_rejectedWithExample() {
    assertThatThrownBy(() -> MetadataJson.parse("[1]", "-m"))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void parse_nonStringValue_namesHeader() {
    assertThatThrownBy(() -> MetadataJson.parse("{\"a\":{\"b\":1}}", "-m"))
        .hasMessageContaining("'a'");
  }
}
