package dev.convoy.router.e2e;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** A fixed number of blocking calls made by a fixed number of client threads. */
final class LoadRun {
  private LoadRun() {}

  /** A call that failed: which request and its status. */
  record Failure(int request, Status status) {}

  /**
   * Runs {@code call} for requests 0..requests-1 on {@code concurrency} threads; returns the
   * failures. {@code call} throws {@link StatusRuntimeException} to fail.
   */
  static List<Failure> run(int requests, int concurrency, IntConsumer call) throws InterruptedException {
    List<Failure> failures = new CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    try {
      for (int t = 0; t < concurrency; t++) {
        clients.execute(() -> {
          for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
            try {
              call.accept(i);
            } catch (StatusRuntimeException e) {
              failures.add(new Failure(i, e.getStatus()));
            }
          }
        });
      }
    } finally {
      clients.shutdown();
    }
    if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
      clients.shutdownNow();
      throw new AssertionError("load run did not finish within 60 s");
    }
    return failures;
  }
}
