package dev.convoy.router.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.config.EjectionSettings;
import dev.convoy.router.config.ProbeSettings;
import dev.convoy.router.fault.Ejection;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A probe makes a backend healthy or not; one that runs out of time while the backend answers
 * calls leaves it as it was.
 */
class BackendProberTest {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);

  private final AtomicBoolean healthAnswers = new AtomicBoolean(true);
  private final AtomicLong ticker = new AtomicLong(1_000);
  private final BackendProber prober = new BackendProber(new ProbeSettings(Duration.ofSeconds(1), PROBE_TIMEOUT),
      ticker::get);
  private Server server;
  private ManagedChannel channel;
  private Backend backend;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new HealthGrpc.HealthImplBase() {
          @Override
          public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            if (healthAnswers.get()) {
              answer.onNext(HealthCheckResponse.newBuilder()
                  .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
              answer.onCompleted();
            } // else: a probe that never gets its answer in time
          }
        })
        .addService(new GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase() {
          @Override
          public void repositoryIndex(RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> answer) {
            answer.onNext(RepositoryIndexResponse.newBuilder().addModels(RepositoryIndexResponse.ModelIndex
                .newBuilder().setName("digits_mlp").setVersion("1").setState("READY")).build());
            answer.onCompleted();
          }
        })
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    backend = new Backend(new BackendTarget("127.0.0.1", 8001, BackendKind.CPU, 1), "static", channel,
        new Ejection(new EjectionSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(5))));
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow();
  }

  @Test
  void probe_servingWithIndex_healthyForItsModels() throws Exception {
    prober.probe(backend).get(5, TimeUnit.SECONDS);

    assertThat(backend.healthy()).isTrue();
    assertThat(backend.serves("digits_mlp", "1")).isTrue();
  }

  @Test
  void probe_outOfTimeWithNothingHeard_unhealthy() throws Exception {
    prober.probe(backend).get(5, TimeUnit.SECONDS);
    healthAnswers.set(false);

    prober.probe(backend).get(5, TimeUnit.SECONDS);

    assertThat(backend.healthy()).isFalse();
    assertThat(backend.snapshot(ticker.get()).reason()).startsWith("health check failed: DEADLINE_EXCEEDED");
  }

  @Test
  void probe_outOfTimeWhileTheBackendAnswersCalls_staysHealthy() throws Exception {
    prober.probe(backend).get(5, TimeUnit.SECONDS);
    healthAnswers.set(false);

    CompletableFuture<Void> probed = prober.probe(backend);
    ticker.addAndGet(50_000_000);
    backend.heard(ticker.get()); // a forwarded call answered while the probe waits
    probed.get(5, TimeUnit.SECONDS);

    assertThat(backend.healthy()).isTrue();
  }

  @Test
  void probe_outOfTimeHeardOnlyBeforeItWasSent_unhealthy() throws Exception {
    prober.probe(backend).get(5, TimeUnit.SECONDS);
    backend.heard(ticker.get());
    healthAnswers.set(false);
    ticker.addAndGet(50_000_000);

    prober.probe(backend).get(5, TimeUnit.SECONDS);

    assertThat(backend.healthy()).isFalse();
  }
}
