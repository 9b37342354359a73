package dev.convoy.server.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreshIdsTest {
  @Test
  void get_neverRepeatsWithinOneSender_andTwoSendersShareNoId() {
    FreshIds first = new FreshIds();
    FreshIds second = new FreshIds();
    Set<String> ids = new HashSet<>();

    for (int i = 0; i < 1_000; i++) {
      ids.add(first.get());
      ids.add(second.get());
    }

    assertThat(ids).hasSize(2_000);
  }
}
