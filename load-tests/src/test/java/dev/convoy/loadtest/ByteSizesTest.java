package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

  @Test
  void parse_goHumanizeForms() {
    assertThat(ByteSizes.parse("1024")).isEqualTo(1024);
    assertThat(ByteSizes.parse("4MB")).isEqualTo(4_000_000);
    assertThat(ByteSizes.parse("4 MiB")).isEqualTo(4L << 20);
    assertThat(ByteSizes.parse("512k")).isEqualTo(512_000);
    assertThat(ByteSizes.parse("1.5GiB")).isEqualTo(3L << 29);
  }

  @Test
  void parse_notASize_namedError() {
    assertThatThrownBy(() -> ByteSizes.parse("lots")).hasMessageContaining("'lots' is not a size");
  }
}
