package dev.convoy.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriterTasksTest {
  @Test
  void onWriter_taskThrowsAnError_failsTheFutureOnAScheduledExecutor() throws Exception {
    ScheduledExecutorService writer = new ScheduledThreadPoolExecutor(1);
    try {
      CompletableFuture<Object> result = MonitorEngine.onWriter(writer, () -> {
        throw new OutOfMemoryError("Java heap space");
      });

      assertThat(result).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
          .havingRootCause().isInstanceOf(OutOfMemoryError.class);
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void onWriter_taskReturns_completesWithItsValue() {
    assertThat(MonitorEngine.onWriter(Runnable::run, () -> 42)).isCompletedWithValue(42);
  }
}
