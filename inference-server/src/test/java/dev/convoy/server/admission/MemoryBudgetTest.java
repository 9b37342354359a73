package dev.convoy.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  @Test
  void tryAcquire_withinLimit_takesBytes() {
    MemoryBudget budget = new MemoryBudget(100);

    assertThat(budget.tryAcquire(60)).isTrue();
    assertThat(budget.tryAcquire(40)).isTrue();
    assertThat(budget.inUseBytes()).isEqualTo(100);
  }

  @Test
  void tryAcquire_overLimit_refusesAndTakesNothing() {
    MemoryBudget budget = new MemoryBudget(100);
    budget.tryAcquire(60);

    assertThat(budget.tryAcquire(41)).isFalse();
    assertThat(budget.inUseBytes()).isEqualTo(60);
  }

  @Test
  void tryAcquire_largerThanWholeBudget_refused() {
    assertThat(new MemoryBudget(100).tryAcquire(Long.MAX_VALUE)).isFalse();
  }

  @Test
  void release_makesRoomAgain() {
    MemoryBudget budget = new MemoryBudget(100);
    budget.tryAcquire(100);

    budget.release(30);

    assertThat(budget.tryAcquire(30)).isTrue();
    assertThat(budget.tryAcquire(1)).isFalse();
  }

  @Test
  void release_moreThanAcquired_fails() {
    MemoryBudget budget = new MemoryBudget(100);
    budget.tryAcquire(10);

    assertThatThrownBy(() -> budget.release(11)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void constructor_nonPositive_refused() {
    assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tryAcquire_concurrent_neverExceedsLimit() throws Exception {
    MemoryBudget budget = new MemoryBudget(1000);
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      pool.execute(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int j = 0; j < 1000; j++) {
          if (budget.tryAcquire(7)) {
            granted.incrementAndGet();
          }
        }
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(granted.get()).isEqualTo(1000 / 7);
    assertThat(budget.inUseBytes()).isEqualTo(7L * (1000 / 7));
  }
}
