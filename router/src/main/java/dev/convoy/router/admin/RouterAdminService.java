package dev.convoy.router.admin;

import dev.convoy.proto.router.BackendStatus;
import dev.convoy.proto.router.ListBackendsRequest;
import dev.convoy.proto.router.ListBackendsResponse;
import dev.convoy.proto.router.RouterAdminGrpc;
import dev.convoy.proto.router.ServedModel;
import dev.convoy.router.backend.BackendSnapshot;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Lists the backends from in-memory state; see router_admin.proto for the contract. */
public final class RouterAdminService extends RouterAdminGrpc.RouterAdminImplBase {
  private final Supplier<List<BackendSnapshot>> backends;
  private final String policy;
  private final BooleanSupplier shuttingDown;

  public RouterAdminService(Supplier<List<BackendSnapshot>> backends, String policy, BooleanSupplier shuttingDown) {
    this.backends = backends;
    this.policy = policy;
    this.shuttingDown = shuttingDown;
  }

  @Override
  public void listBackends(ListBackendsRequest request, StreamObserver<ListBackendsResponse> responses) {
    if (shuttingDown.getAsBoolean()) {
      responses.onError(Status.UNAVAILABLE.withDescription("the router is shutting down").asRuntimeException());
      return;
    }
    ListBackendsResponse.Builder response = ListBackendsResponse.newBuilder().setPolicy(policy);
    for (BackendSnapshot backend : backends.get()) {
      if (request.getModelName().isEmpty() || backend.models().containsKey(request.getModelName())) {
        response.addBackends(toProto(backend));
      }
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }

  static BackendStatus toProto(BackendSnapshot backend) {
    BackendStatus.Builder status = BackendStatus.newBuilder()
        .setAddress(backend.address())
        .setKind(switch (backend.kind()) {
          case GPU -> BackendStatus.Kind.GPU;
          case CPU -> BackendStatus.Kind.CPU;
        })
        .setWeight(backend.weight())
        .setState(switch (backend.state()) {
          case HEALTHY -> BackendStatus.State.HEALTHY;
          case UNHEALTHY -> BackendStatus.State.UNHEALTHY;
          case EJECTED -> BackendStatus.State.EJECTED;
        })
        .setStateReason(backend.reason())
        .setOutstanding(Math.max(0, backend.outstanding()))
        .setServed(backend.served())
        .setFailed(backend.failed())
        .setSource(backend.source())
        .setEjections(backend.ejections());
    backend.models().forEach((name, versions) ->
        status.addModels(ServedModel.newBuilder().setName(name).addAllVersions(versions)));
    return status.build();
  }
}
