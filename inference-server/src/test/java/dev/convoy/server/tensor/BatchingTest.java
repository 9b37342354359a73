package dev.convoy.server.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingTest {

  @Test
  void concatThenSplit_fp32Rows_returnsTheParts() {
    Tensor a = fp32(new float[] {1, 2, 3, 4}, 2, 2);
    Tensor b = fp32(new float[] {5, 6}, 1, 2);
    Tensor joined = Batching.concat(List.of(a, b));
    assertThat(joined.shape()).containsExactly(3, 2);
    assertThat(joined.dataView().order(ByteOrder.LITTLE_ENDIAN).getFloat(16)).isEqualTo(5f);
    assertThat(Batching.split(joined, new int[] {2, 1})).containsExactly(a, b);
  }

  @Test
  void concatThenSplit_bytesRows_respectsVariableLengths() {
    Tensor a = bytes(2, "x", "longer");
    Tensor b = bytes(1, "");
    Tensor joined = Batching.concat(List.of(a, b));
    assertThat(joined.shape()).containsExactly(3, 1);
    assertThat(Batching.split(joined, new int[] {2, 1})).containsExactly(a, b);
  }

  @Test
  void concat_singlePart_isThatPart() {
    Tensor a = fp32(new float[] {1}, 1, 1);
    assertThat(Batching.concat(List.of(a))).isSameAs(a);
  }

  private static Tensor fp32(float[] values, long... shape) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    return new Tensor("t", DataType.FP32, shape, raw.flip());
  }

  private static Tensor bytes(long rows, String... values) {
    return new Tensor("s", DataType.BYTES, new long[] {rows, 1},
        BytesElements.encode(java.util.Arrays.stream(values).map(String::getBytes).toList()));
  }
}
