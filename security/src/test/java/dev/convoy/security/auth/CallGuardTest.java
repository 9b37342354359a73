package dev.convoy.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadResponse;
import dev.convoy.proto.inference.ServerLiveRequest;
import dev.convoy.proto.inference.ServerLiveResponse;
import dev.convoy.proto.inference.ServerMetadataRequest;
import dev.convoy.proto.inference.ServerMetadataResponse;
import dev.convoy.proto.security.v1.AuthPolicy;
import dev.convoy.proto.security.v1.PrincipalRoles;
import dev.convoy.proto.security.v1.RoleGrant;
import dev.convoy.security.audit.AuditLog;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard in front of a real service over the in-process transport (no TLS: tokens only). */
class CallGuardTest {
  private static final String APP_TOKEN = "a".repeat(16) + "0123456789abcdef0123456789abcdef";
  private static final String SCIENTIST_TOKEN = "b".repeat(16) + "0123456789abcdef0123456789abcdef";

  @TempDir
  Path dir;

  private final List<String> audit = new CopyOnWriteArrayList<>();
  private final AtomicReference<Metadata> seenHeaders = new AtomicReference<>();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void call_noCredentialForAGroupAnonymousLacks_isUnauthenticated() throws Exception {
    start(Optional.of(access()), false);
    assertThatThrownBy(() -> stub(null).serverMetadata(ServerMetadataRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("UNAUTHENTICATED")
        .hasMessageContaining("'metadata'");
    assertThat(stub(null).serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
  }

  @Test
  void call_validToken_putsItsPrincipalInTheContext() throws Exception {
    start(Optional.of(access()), false);
    assertThat(stub(APP_TOKEN).serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName()).isEqualTo("app");
  }

  @Test
  void call_invalidToken_isUnauthenticatedEvenForWhatAnonymousMayCall() throws Exception {
    start(Optional.of(access()), false);
    assertThatThrownBy(() -> stub(APP_TOKEN.replace('a', 'c')).serverLive(ServerLiveRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("UNAUTHENTICATED: invalid bearer token");
  }

  @Test
  void call_groupOutsideTheRoles_isPermissionDeniedNamingTheGroupAndAudited() throws Exception {
    start(Optional.of(access()), false);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> stub(APP_TOKEN).repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("m").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(e.getStatus().getDescription()).contains("'model-repository'").contains("\"app\"");
    assertThat(audit).singleElement().asString().contains("RepositoryModelUnload").contains("principal=\"app\"")
        .contains("outcome=PERMISSION_DENIED");
  }

  @Test
  void call_adminActionAllowed_isAuditedWithTargetAndOutcome() throws Exception {
    start(Optional.of(access()), false);
    stub(SCIENTIST_TOKEN).repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("digits").build());
    assertThat(audit).singleElement().asString().contains("target=\"digits\"").contains("principal=\"scientist\"")
        .contains("peer=").contains("outcome=OK");
  }

  @Test
  void call_forwardedPrincipalFromAPeerThatIsNoRouter_isPermissionDenied() throws Exception {
    start(Optional.of(access()), false);
    Metadata headers = new Metadata();
    headers.put(Access.FORWARDED_PRINCIPAL, "scientist");
    assertThatThrownBy(() -> stub(APP_TOKEN).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .serverMetadata(ServerMetadataRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("PERMISSION_DENIED")
        .hasMessageContaining("'router'");
  }

  @Test
  void call_withoutAccess_passesAndStillAuditsAdminActions() throws Exception {
    start(Optional.empty(), false);
    assertThat(stub(null).serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName()).isEqualTo("anonymous");
    stub(null).repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("m").build());
    assertThat(audit).singleElement().asString().contains("principal=\"anonymous\"").contains("outcome=OK");
  }

  @Test
  void routerGuard_withAccess_replacesTheTokenWithTheVerifiedPrincipal() throws Exception {
    start(Optional.of(access()), true);
    stub(APP_TOKEN).serverMetadata(ServerMetadataRequest.getDefaultInstance());
    assertThat(seenHeaders.get().get(Access.AUTHORIZATION)).isNull();
    assertThat(seenHeaders.get().getAll(Access.FORWARDED_PRINCIPAL)).containsExactly("app");
  }

  @Test
  void routerGuard_withoutAccess_dropsAClaimedPrincipalAndKeepsTheToken() throws Exception {
    start(Optional.empty(), true);
    Metadata claimed = new Metadata();
    claimed.put(Access.FORWARDED_PRINCIPAL, "scientist");
    stub(APP_TOKEN).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(claimed))
        .serverMetadata(ServerMetadataRequest.getDefaultInstance());
    assertThat(seenHeaders.get().get(Access.FORWARDED_PRINCIPAL)).isNull();
    assertThat(seenHeaders.get().get(Access.AUTHORIZATION)).isEqualTo("Bearer " + APP_TOKEN);
  }

  private Access access() {
    AuthPolicy policy = AuthPolicy.newBuilder()
        .putRoles("application", RoleGrant.newBuilder().addGroups("inference").addGroups("metadata").build())
        .putRoles("data-scientist", RoleGrant.newBuilder().addGroups("model-repository").build())
        .putRoles("probe", RoleGrant.newBuilder().addGroups("health").build())
        .putPrincipals("app", PrincipalRoles.newBuilder().addRoles("application").build())
        .putPrincipals("scientist", PrincipalRoles.newBuilder().addRoles("data-scientist").build())
        .putPrincipals("anonymous", PrincipalRoles.newBuilder().addRoles("probe").build())
        .build();
    return new Access(AccessPolicy.of(policy, "test policy", Optional.empty()), tokens());
  }

  private TokenFile tokens() {
    try {
      return TokenFile.read(Files.writeString(dir.resolve("tokens.txt"), TokenFile.line(APP_TOKEN, "app") + "\n"
          + TokenFile.line(SCIENTIST_TOKEN, "scientist") + "\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void start(Optional<Access> access, boolean router) throws Exception {
    String name = InProcessServerBuilder.generateName();
    ServerInterceptor capture = new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
          ServerCallHandler<ReqT, RespT> next) {
        seenHeaders.set(headers);
        return next.startCall(call, headers);
      }
    };
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new Service(), capture))
        .intercept(new CallGuard(access, new AuditLog(audit::add), router))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private GRPCInferenceServiceBlockingStub stub(String token) {
    GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    if (token == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(Access.AUTHORIZATION, "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** Answers with the caller's principal where a message has room for it. */
  private static final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
      answer.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
      answer.onCompleted();
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
      answer.onNext(ServerMetadataResponse.newBuilder().setName(Principal.current().name()).build());
      answer.onCompleted();
    }

    @Override
    public void repositoryModelUnload(RepositoryModelUnloadRequest request,
        StreamObserver<RepositoryModelUnloadResponse> answer) {
      answer.onNext(RepositoryModelUnloadResponse.getDefaultInstance());
      answer.onCompleted();
    }
  }
}
