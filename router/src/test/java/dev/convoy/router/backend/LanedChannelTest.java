package dev.convoy.router.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls go out on the calling thread's lane; shutting the channel down shuts every lane. */
class LanedChannelTest {
  private final Map<String, AtomicInteger> callsByLane = new ConcurrentHashMap<>();
  private final HealthStatusManager health = new HealthStatusManager();
  private final List<Server> servers = List.of(server("lane-0"), server("lane-1"));
  private final List<ManagedChannel> lanes = List.of(
      InProcessChannelBuilder.forName("lane-0").directExecutor().build(),
      InProcessChannelBuilder.forName("lane-1").directExecutor().build());
  private final AtomicInteger currentLane = new AtomicInteger();
  private final LanedChannel channel = new LanedChannel(lanes, currentLane::get);

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    servers.forEach(Server::shutdownNow);
  }

  @Test
  void newCall_goesOutOnTheCurrentLane() {
    currentLane.set(1);
    call();
    currentLane.set(0);
    call();
    call();

    assertThat(callsByLane).containsOnlyKeys("lane-0", "lane-1");
    assertThat(callsByLane.get("lane-0")).hasValue(2);
    assertThat(callsByLane.get("lane-1")).hasValue(1);
  }

  @Test
  void shutdown_shutsEveryLane() throws InterruptedException {
    channel.shutdown();

    assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(lanes).allSatisfy(lane -> assertThat(lane.isTerminated()).isTrue());
    assertThat(channel.isShutdown()).isTrue();
  }

  private void call() {
    HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
  }

  private Server server(String name) {
    ServerInterceptor counter = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        callsByLane.computeIfAbsent(name, lane -> new AtomicInteger()).incrementAndGet();
        return next.startCall(call, headers);
      }
    };
    try {
      return InProcessServerBuilder.forName(name).directExecutor()
          .addService(ServerInterceptors.intercept(health.getHealthService(), counter))
          .build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
