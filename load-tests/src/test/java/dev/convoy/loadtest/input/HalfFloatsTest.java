package dev.convoy.loadtest.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  @Test
  void toFp16_exactValues_ieeeBits() {
    assertThat(HalfFloats.toFp16(1.0f)).isEqualTo((short) 0x3C00);
    assertThat(HalfFloats.toFp16(0.5f)).isEqualTo((short) 0x3800);
    assertThat(HalfFloats.toFp16(-2.0f)).isEqualTo((short) 0xC000);
    assertThat(HalfFloats.toFp16(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(HalfFloats.toFp16(0f)).isEqualTo((short) 0);
  }

  @Test
  void toFp16_tooLarge_infinity() {
    assertThat(HalfFloats.toFp16(1e6f)).isEqualTo((short) 0x7C00);
  }

  @Test
  void toFp16_smallestSubnormal_kept() {
    assertThat(HalfFloats.toFp16(5.9604645e-8f)).isEqualTo((short) 0x0001);
  }

  @Test
  void toBf16_exactValues_topHalfOfFloat() {
    assertThat(HalfFloats.toBf16(1.0f)).isEqualTo((short) 0x3F80);
    assertThat(HalfFloats.toBf16(-0.5f)).isEqualTo((short) 0xBF00);
  }
}
