package dev.convoy.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIndexTest {

  @Test
  void find_manyEntriesAndRepeatedHashes_everyReferenceInOrder() {
    RequestIndex index = new RequestIndex();
    for (long batch = 0; batch < 1000; batch++) {
      for (int position = 0; position < 10; position++) {
        index.add(batch * 10 + position, RequestIndex.ref(batch, position));
      }
    }
    index.add(42, RequestIndex.ref(2000, 7));

    assertThat(index.find(42)).containsExactly(RequestIndex.ref(4, 2), RequestIndex.ref(2000, 7));
    assertThat(index.find(9999)).containsExactly(RequestIndex.ref(999, 9));
    assertThat(index.find(-5)).isEmpty();
    assertThat(index.size()).isEqualTo(10_001);
  }

  @Test
  void forgetBefore_oldBatches_notFoundAndDroppedFromTheTable() {
    RequestIndex index = new RequestIndex();
    for (long batch = 0; batch < 100; batch++) {
      index.add(batch, RequestIndex.ref(batch, 3));
    }

    index.forgetBefore(80, 80);

    assertThat(index.find(10)).isEmpty();
    assertThat(index.find(90)).containsExactly(RequestIndex.ref(90, 3));
    assertThat(index.size()).isEqualTo(20);
  }

  @Test
  void ref_batchAndPosition_comeBack() {
    long ref = RequestIndex.ref(123_456_789L, RequestIndex.MAX_POSITIONS - 1);

    assertThat(RequestIndex.batchOf(ref)).isEqualTo(123_456_789L);
    assertThat(RequestIndex.positionOf(ref)).isEqualTo(RequestIndex.MAX_POSITIONS - 1);
  }
}
