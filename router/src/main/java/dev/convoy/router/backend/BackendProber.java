package dev.convoy.router.backend;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.router.config.ProbeSettings;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Probes a backend: {@code grpc.health.v1.Health/Check} of the server as a whole, then
 * {@code RepositoryIndex} of every model. Both must succeed (health SERVING) for the backend to
 * be healthy; the index says which models and versions it serves (READY) and which it has in
 * other states (so the router tells a model that does not exist from one that is not ready).
 *
 * <p>Probes carry an unsampled trace context ({@link UnsampledProbes}), so servers trace none.
 *
 * <p>Probing a backend that is unhealthy first resets its channel's reconnect back-off, so
 * a server that comes back is found at the next probe rather than after gRPC's own back-off.
 *
 * <p>A probe that runs out of time while the backend answers calls says nothing about the
 * backend: the probe's own path was slow (an I/O thread busy with a flooding client, a starved
 * machine). It leaves the backend's health as it was; a hung backend answers nothing, and its
 * probes still fail.
 */
public final class BackendProber {
  private static final HealthCheckRequest WHOLE_SERVER = HealthCheckRequest.newBuilder().setService("").build();
  private static final RepositoryIndexRequest EVERY_MODEL = RepositoryIndexRequest.newBuilder().setReady(false).build();

  private final long timeoutNanos;
  private final LongSupplier nanoTime;

  /** @param nanoTime the ticker that {@link Backend#heard} is given readings of */
  public BackendProber(ProbeSettings settings, LongSupplier nanoTime) {
    this.timeoutNanos = settings.timeout().toNanos();
    this.nanoTime = nanoTime;
  }

  /** Probes every backend; completes when all probes have been applied. Never fails. */
  public CompletableFuture<Void> probeAll(List<Backend> backends) {
    return CompletableFuture.allOf(backends.stream().map(this::probe).toArray(CompletableFuture[]::new));
  }

  /** Probes one backend; completes when the result has been applied. Never fails. */
  public CompletableFuture<Void> probe(Backend backend) {
    long generation = backend.beginProbe();
    long sentNanos = nanoTime.getAsLong();
    if (!backend.healthy()) {
      backend.channel().resetConnectBackoff();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    HealthGrpc.newStub(backend.channel()).withInterceptors(UnsampledProbes.INSTANCE).withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS)
        .check(WHOLE_SERVER, new Unary<>() {
          @Override
          void onAnswer(HealthCheckResponse health) {
            if (health.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
              backend.applyProbe(generation, false, "health check: " + health.getStatus(), null);
              done.complete(null);
            } else {
              readIndex(backend, generation, sentNanos, done);
            }
          }

          @Override
          void onFailure(Status status) {
            failed(backend, generation, sentNanos, status, "health check failed: ");
            done.complete(null);
          }
        });
    return done;
  }

  private void readIndex(Backend backend, long generation, long sentNanos, CompletableFuture<Void> done) {
    GRPCInferenceServiceGrpc.newStub(backend.channel()).withInterceptors(UnsampledProbes.INSTANCE).withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS)
        .repositoryIndex(EVERY_MODEL, new Unary<>() {
          @Override
          void onAnswer(RepositoryIndexResponse index) {
            backend.applyProbe(generation, true, "", ModelTable.fromIndex(index));
            done.complete(null);
          }

          @Override
          void onFailure(Status status) {
            failed(backend, generation, sentNanos, status, "repository index failed: ");
            done.complete(null);
          }
        });
  }

  /** A probe that failed: the backend is unhealthy, unless it was out of time while the backend answered calls. */
  private static void failed(Backend backend, long generation, long sentNanos, Status status, String what) {
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && backend.heardAfter(sentNanos)) {
      return;
    }
    backend.applyProbe(generation, false, what + describe(status), null);
  }

  private static String describe(Status status) {
    return status.getDescription() == null ? status.getCode().toString()
        : status.getCode() + " (" + status.getDescription() + ")";
  }

  /** A unary answer or its failure. */
  private abstract static class Unary<T> implements StreamObserver<T> {
    private T answer;

    abstract void onAnswer(T value);

    abstract void onFailure(Status status);

    @Override
    public void onNext(T value) {
      answer = value;
    }

    @Override
    public void onError(Throwable t) {
      onFailure(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      if (answer == null) {
        onFailure(Status.INTERNAL.withDescription("no answer"));
      } else {
        onAnswer(answer);
      }
    }
  }
}
