package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client flooding the router with 1-5 ms deadlines must not take its backend away from the
 * router's other clients: the flood saturates the backend (on a loaded machine a well-behaved
 * call then waits longer than the stall timeout, and so does a health check), which must not
 * read as a hang while no other backend answers. The well-behaved client's latencies, and its
 * calls that ran out of time, are printed, not asserted: through the router they can still
 * queue behind the flood on the router's connection to the backend, which the chaos suite's
 * flood case measures with each process in its own JVM.
 */
class ShortDeadlineFloodTest {
  private static final int WELL_BEHAVED_CALLS = 100;
  private static final long MEASURE_AT_MOST_NANOS = TimeUnit.SECONDS.toNanos(20);

  @TempDir Path repository;

  @Test
  void modelInfer_shortDeadlineFlood_saturatedBackendNotEjected() throws Exception {
    try (Servers.Loopback server = new Servers.Loopback(Servers.repository(repository, "digits_mlp"));
        RouterUnderTest router = new RouterUnderTest("backend = " + server.address() + "\n")) {
      router.refresh();
      long[] direct = measureUnderFlood(server.port());
      long[] routed = measureUnderFlood(router.router.port());
      System.out.printf("well-behaved client under a short-deadline flood: direct p50 %d us p99 %d us max %d us,"
          + " %d timed out; via router p50 %d us p99 %d us max %d us, %d timed out%n", direct[0], direct[1], direct[2],
          direct[3], routed[0], routed[1], routed[2], routed[3]);
      assertThat(router.backend(server.address()).ejections()).as("ejections of the saturated backend").isZero();
    }
  }

  /**
   * p50, p99 and max of well-behaved calls to {@code port} while another client floods it, and
   * how many ran out of time; at most {@link #WELL_BEHAVED_CALLS} calls, for at most 20 s.
   */
  private static long[] measureUnderFlood(int port) throws InterruptedException {
    ManagedChannel floodChannel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flood = new Thread(() -> flood(floodChannel, flooding), "short-deadline-flood");
    flood.start();
    List<Long> micros = new ArrayList<>();
    long timedOut = 0;
    try {
      ModelInferRequest request = Requests.digitsMlp();
      GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
      long begin = System.nanoTime();
      for (int i = 0; i < WELL_BEHAVED_CALLS && System.nanoTime() - begin < MEASURE_AT_MOST_NANOS; i++) {
        long start = System.nanoTime();
        try {
          stub.withDeadlineAfter(5, TimeUnit.SECONDS).modelInfer(request);
          micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        } catch (StatusRuntimeException e) {
          assertThat(e.getStatus().getCode()).as("a well-behaved call's failure").isEqualTo(Status.Code.DEADLINE_EXCEEDED);
          timedOut++;
        }
      }
    } finally {
      flooding.set(false);
      flood.join();
      floodChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (micros.isEmpty()) {
      return new long[] {-1, -1, -1, timedOut};
    }
    Collections.sort(micros);
    return new long[] {micros.get(micros.size() / 2), micros.get(micros.size() * 99 / 100), micros.get(micros.size() - 1),
        timedOut};
  }

  /** Up to 64 calls in flight, each with a deadline of 1 to 5 ms, until told to stop. */
  private static void flood(ManagedChannel channel, AtomicBoolean flooding) {
    Semaphore inFlight = new Semaphore(64);
    GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(channel);
    ModelInferRequest request = Requests.digitsMlp();
    while (flooding.get()) {
      inFlight.acquireUninterruptibly();
      stub.withDeadlineAfter(ThreadLocalRandom.current().nextInt(1, 6), TimeUnit.MILLISECONDS)
          .modelInfer(request, new StreamObserver<ModelInferResponse>() {
            @Override
            public void onNext(ModelInferResponse value) { }

            @Override
            public void onError(Throwable t) {
              inFlight.release();
            }

            @Override
            public void onCompleted() {
              inFlight.release();
            }
          });
    }
    inFlight.acquireUninterruptibly(64);
  }
}
