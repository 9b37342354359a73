package dev.convoy.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest.InferRequestedOutputTensor;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
  private static final Object SCOPE = new Object();

  @Test
  void put_pastTheBound_evictsTheLeastRecentlyUsed() {
    ModelInferResponse answer = answer(100);
    long entry = answer.getSerializedSize() + ResponseCache.ENTRY_OVERHEAD_BYTES;
    ResponseCache cache = new ResponseCache(2 * entry);
    cache.put(key(1), answer);
    cache.put(key(2), answer);
    assertThat(cache.get(key(1))).isPresent();
    cache.put(key(3), answer);

    assertThat(cache.get(key(2))).isEmpty();
    assertThat(cache.get(key(1))).contains(answer);
    assertThat(cache.get(key(3))).contains(answer);
    assertThat(cache.usedBytes()).isEqualTo(2 * entry);
  }

  @Test
  void put_answerLargerThanTheCache_notKept() {
    ResponseCache cache = new ResponseCache(64);
    cache.put(key(1), answer(100));
    assertThat(cache.size()).isZero();
    assertThat(cache.usedBytes()).isZero();
  }

  @Test
  void key_sameInputsAndOutputs_equal_otherwiseDistinct() {
    assertThat(key(1)).isEqualTo(key(1)).hasSameHashCodeAs(key(1));
    assertThat(key(1)).isNotEqualTo(key(2));
    Tensor input = tensor(1);
    assertThat(CacheKey.of("m", 1, new Object(), List.of(input), List.of())).isNotEqualTo(key(1));
    assertThat(CacheKey.of("m", 2, SCOPE, List.of(input), List.of())).isNotEqualTo(key(1));
    assertThat(CacheKey.of("m", 1, SCOPE, List.of(input),
        List.of(InferRequestedOutputTensor.newBuilder().setName("y").build()))).isNotEqualTo(key(1));
    Tensor reshaped = new Tensor("x", DataType.FP32, new long[] {4, 1}, ByteBuffer.wrap(new byte[16]).put(0, (byte) 1));
    assertThat(CacheKey.of("m", 1, SCOPE, List.of(reshaped), List.of())).isNotEqualTo(key(1));
  }

  @Test
  void parseSize_tritonSyntax_bytes_otherCachesRefused() {
    assertThat(CacheConfig.parseSize("local,size=1048576")).isEqualTo(1048576);
    assertThatThrownBy(() -> CacheConfig.parseSize("redis,host=x")).hasMessageContaining("--cache-config");
    assertThatThrownBy(() -> CacheConfig.parseSize("local")).hasMessageContaining("size=");
    assertThatThrownBy(() -> CacheConfig.parseSize("local,size=-1")).hasMessageContaining("size=");
  }

  private static CacheKey key(int first) {
    return CacheKey.of("m", 1, SCOPE, List.of(tensor(first)), List.of());
  }

  private static Tensor tensor(int first) {
    return new Tensor("x", DataType.FP32, new long[] {1, 4}, ByteBuffer.wrap(new byte[16]).put(0, (byte) first));
  }

  private static ModelInferResponse answer(int bytes) {
    return ModelInferResponse.newBuilder().setModelName("m").addRawOutputContents(ByteString.copyFrom(new byte[bytes]))
        .build();
  }
}
