package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.server.SampleModels;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standard gRPC health service and server reflection, as grpcurl and Kubernetes use them. */
class HealthAndReflectionTest {
  private static LoopbackServer loopback;

  @BeforeAll
  static void start() {
    loopback = new LoopbackServer(SampleModels.repository());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    loopback.close();
  }

  @Test
  void health_serverServiceAndModel_serving() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(loopback.channel);
    for (String service : new String[] {"", "inference.GRPCInferenceService", "digits_mlp"}) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
          .as(service).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void reflection_listServices_includesInferenceService() throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(loopback.channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override public void onNext(ServerReflectionResponse value) { answer.complete(value); }
          @Override public void onError(Throwable t) { answer.completeExceptionally(t); }
          @Override public void onCompleted() { }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    ServerReflectionResponse response = answer.get(10, TimeUnit.SECONDS);
    requests.onCompleted();
    assertThat(response.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
        .contains("inference.GRPCInferenceService", "grpc.health.v1.Health");
  }
}
