package dev.convoy.router.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.config.RetrySettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private RetryBudget budget(double ratio, int min) {
    return new RetryBudget(new RetrySettings(ratio, Duration.ofSeconds(10), min), nanos::get);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static int drain(RetryBudget budget) {
    int granted = 0;
    while (budget.tryRetry()) {
      granted++;
    }
    return granted;
  }

  @Test
  void tryRetry_noTraffic_grantsTheMinimum() {
    assertThat(drain(budget(0.2, 3))).isEqualTo(3);
  }

  @Test
  void tryRetry_afterRequests_grantsRatioOfThem() {
    RetryBudget budget = budget(0.2, 0);
    for (int i = 0; i < 100; i++) {
      budget.onRequest();
    }

    assertThat(drain(budget)).isEqualTo(20);
    assertThat(budget.retriesInWindow()).isEqualTo(20);
  }

  @Test
  void tryRetry_ratioZeroAndNoMinimum_neverRetries() {
    RetryBudget budget = budget(0, 0);
    budget.onRequest();

    assertThat(budget.tryRetry()).isFalse();
  }

  @Test
  void tryRetry_budgetRefillsAsRequestsArrive() {
    RetryBudget budget = budget(0.1, 0);
    for (int i = 0; i < 10; i++) {
      budget.onRequest();
    }
    assertThat(drain(budget)).isEqualTo(1);

    for (int i = 0; i < 10; i++) {
      budget.onRequest();
    }

    assertThat(drain(budget)).isEqualTo(1);
  }

  @Test
  void window_slides_oldCountsExpireSlotBySlot() {
    RetryBudget budget = budget(0.5, 0);
    for (int i = 0; i < 10; i++) {
      budget.onRequest();
    }
    assertThat(drain(budget)).isEqualTo(5);

    advance(Duration.ofSeconds(5));
    for (int i = 0; i < 10; i++) {
      budget.onRequest();
    }
    // 20 requests and 5 retries in the window: 5 more.
    assertThat(drain(budget)).isEqualTo(5);

    advance(Duration.ofSeconds(6));
    // The first 10 requests and 5 retries have left the window; 10 requests and 5 retries remain.
    assertThat(budget.requestsInWindow()).isEqualTo(10);
    assertThat(budget.retriesInWindow()).isEqualTo(5);
    assertThat(budget.tryRetry()).isFalse();

    advance(Duration.ofSeconds(5));
    assertThat(budget.requestsInWindow()).isZero();
    assertThat(budget.retriesInWindow()).isZero();
  }

  @Test
  void window_longIdle_clearsEverything() {
    RetryBudget budget = budget(0.2, 1);
    for (int i = 0; i < 50; i++) {
      budget.onRequest();
    }
    drain(budget);

    advance(Duration.ofHours(3));

    assertThat(budget.requestsInWindow()).isZero();
    assertThat(drain(budget)).isEqualTo(1);
  }
}
