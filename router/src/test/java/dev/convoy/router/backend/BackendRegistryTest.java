package dev.convoy.router.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.RepositoryIndexResponse;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.config.Discovery;
import dev.convoy.router.config.EjectionSettings;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {
  private static final long SECOND = 1_000_000_000L;
  private final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
  private final AtomicLong nanos = new AtomicLong();
  private BackendRegistry registry;

  private final HostResolver fakeResolver = host -> {
    List<InetAddress> addresses = dns.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    return addresses;
  };

  private BackendRegistry registry(List<BackendTarget> statics, List<BackendTarget> names) {
    registry = new BackendRegistry(new Discovery(statics, names, Duration.ofSeconds(30)), fakeResolver,
        target -> InProcessChannelBuilder.forName("registry-test-" + UUID.randomUUID()).build(),
        new EjectionSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(4)), nanos::get);
    return registry;
  }

  @AfterEach
  void close() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  private static void serve(Backend backend, String... modelVersions) {
    RepositoryIndexResponse.Builder index = RepositoryIndexResponse.newBuilder();
    for (String modelVersion : modelVersions) {
      String[] parts = modelVersion.split(":");
      index.addModels(ModelIndex.newBuilder().setName(parts[0]).setVersion(parts[1]).setState("READY"));
    }
    backend.applyProbe(backend.beginProbe(), true, "", ModelTable.fromIndex(index.build()));
  }

  private static BackendTarget target(String spec) {
    return BackendTarget.parse(spec);
  }

  @Test
  void resolve_dnsName_eachAddressIsABackendWithTheNamesKindAndWeight() throws Exception {
    dns.put("inference.svc", List.of(ip("10.0.0.2"), ip("10.0.0.1")));
    registry(List.of(target("static-host:9000")), List.of(target("inference.svc:8001,kind=GPU,weight=4")));

    registry.resolve();

    assertThat(registry.all()).extracting(Backend::address)
        .containsExactly("10.0.0.1:8001", "10.0.0.2:8001", "static-host:9000");
    Backend resolved = registry.all().get(0);
    assertThat(resolved.kind()).isEqualTo(BackendKind.GPU);
    assertThat(resolved.weight()).isEqualTo(4);
    assertThat(resolved.source()).isEqualTo("dns:inference.svc");
  }

  @Test
  void resolve_addressGone_backendRetired_addressNew_backendAdded() throws Exception {
    dns.put("inference.svc", List.of(ip("10.0.0.1"), ip("10.0.0.2")));
    registry(List.of(), List.of(target("inference.svc:8001")));
    registry.resolve();
    Backend kept = registry.all().get(0);

    dns.put("inference.svc", List.of(ip("10.0.0.1"), ip("10.0.0.3")));
    registry.resolve();

    assertThat(registry.all()).extracting(Backend::address).containsExactly("10.0.0.1:8001", "10.0.0.3:8001");
    assertThat(registry.all().get(0)).isSameAs(kept);
  }

  @Test
  void resolve_nameFailsToResolve_keepsPreviousAddresses() throws Exception {
    dns.put("inference.svc", List.of(ip("10.0.0.1")));
    registry(List.of(), List.of(target("inference.svc:8001")));
    registry.resolve();

    dns.remove("inference.svc");
    registry.resolve();

    assertThat(registry.all()).extracting(Backend::address).containsExactly("10.0.0.1:8001");
  }

  @Test
  void resolve_addressAlsoStatic_oneBackendStaysStatic() throws Exception {
    dns.put("inference.svc", List.of(ip("10.0.0.1")));
    registry(List.of(target("10.0.0.1:8001,weight=7")), List.of(target("inference.svc:8001")));

    registry.resolve();
    dns.put("inference.svc", List.of());
    registry.resolve();

    assertThat(registry.all()).singleElement().satisfies(b -> {
      assertThat(b.source()).isEqualTo("static");
      assertThat(b.weight()).isEqualTo(7);
    });
  }

  @Test
  void candidates_onlyHealthyBackendsServingTheModelAndVersion() {
    registry(List.of(target("a:1"), target("b:1"), target("c:1")), List.of());
    Backend a = registry.all().get(0);
    Backend b = registry.all().get(1);
    serve(a, "mlp:1", "cnn:1");
    serve(b, "mlp:2");

    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(a, b);
    assertThat(registry.candidates("mlp", "2", Set.of())).containsExactly(b);
    assertThat(registry.candidates("cnn", "", Set.of())).containsExactly(a);
    assertThat(registry.candidates("mlp", "", Set.of(a))).containsExactly(b);
    assertThat(registry.candidates("wide", "", Set.of())).isEmpty();

    b.markUnhealthy("connection failed");
    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(a);
    assertThat(registry.healthy()).containsExactly(a);
  }

  @Test
  void candidates_ejectedBackend_leftOutUntilBackoffEnds() {
    registry(List.of(target("a:1"), target("b:1")), List.of());
    Backend a = registry.all().get(0);
    Backend b = registry.all().get(1);
    serve(a, "mlp:1");
    serve(b, "mlp:1");

    a.onCallClosed(io.grpc.Status.Code.UNAVAILABLE, nanos.get());
    a.onCallClosed(io.grpc.Status.Code.UNAVAILABLE, nanos.get());

    assertThat(a.state(nanos.get())).isEqualTo(BackendState.EJECTED);
    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(b);
    nanos.addAndGet(SECOND);
    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(a, b);
    assertThat(a.snapshot(nanos.get()).ejections()).isEqualTo(1);
  }

  @Test
  void candidates_everyServingBackendEjected_ejectedOnesRatherThanNone() {
    registry(List.of(target("a:1")), List.of());
    Backend a = registry.all().get(0);
    serve(a, "mlp:1");
    a.onCallClosed(io.grpc.Status.Code.INTERNAL, 0);
    a.onCallClosed(io.grpc.Status.Code.INTERNAL, 0);

    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(a);
  }

  @Test
  void applyProbe_staleGeneration_ignored() {
    registry(List.of(target("a:1")), List.of());
    Backend a = registry.all().get(0);
    long stale = a.beginProbe();
    a.markUnhealthy("connection failed");

    a.applyProbe(stale, true, "", ModelTable.EMPTY);

    assertThat(a.healthy()).isFalse();
    assertThat(a.snapshot(0).reason()).isEqualTo("connection failed");
  }

  @Test
  void candidates_backendSilentWhileAWatchedCallWaits_noNewCallsAfterTheStallTimeout() {
    registry(List.of(target("a:1"), target("b:1")), List.of());
    Backend a = registry.all().get(0);
    Backend b = registry.all().get(1);
    serve(a, "mlp:1");
    serve(b, "mlp:1");
    assertThat(a.watch(-1, nanos.get())).isTrue();
    nanos.addAndGet(1);
    b.onCallClosed(io.grpc.Status.Code.OK, nanos.get());

    nanos.addAndGet(EjectionSettings.DEFAULT_STALL_TIMEOUT.toNanos());

    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(b);
  }

  @Test
  void candidates_everyBackendSilent_noneSuspect() {
    // A flood saturating the only backends is not a hang: taking them out would help no one.
    registry(List.of(target("a:1"), target("b:1")), List.of());
    Backend a = registry.all().get(0);
    Backend b = registry.all().get(1);
    serve(a, "mlp:1");
    serve(b, "mlp:1");
    b.onCallClosed(io.grpc.Status.Code.OK, nanos.get());
    assertThat(a.watch(-1, nanos.get())).isTrue();
    assertThat(b.watch(-1, nanos.get())).isTrue();

    nanos.addAndGet(10 * EjectionSettings.DEFAULT_STALL_TIMEOUT.toNanos());

    assertThat(registry.candidates("mlp", "", Set.of())).containsExactly(a, b);
    assertThat(a.routable(nanos.get())).isTrue();
    assertThat(b.routable(nanos.get())).isTrue();
  }

  @Test
  void candidates_shortDeadlineCallsExpire_notEjected() {
    registry(List.of(target("a:1")), List.of());
    Backend a = registry.all().get(0);
    serve(a, "mlp:1");
    for (int i = 0; i < 100; i++) {
      assertThat(a.watch(2_000_000, nanos.get())).isFalse();
      nanos.addAndGet(2_000_000);
      a.onCallClosed(io.grpc.Status.Code.DEADLINE_EXCEEDED, nanos.get());
    }

    assertThat(a.state(nanos.get())).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void onCallClosed_clientErrors_neverEject() {
    registry(List.of(target("a:1")), List.of());
    Backend a = registry.all().get(0);
    serve(a, "mlp:1");
    for (io.grpc.Status.Code code : List.of(io.grpc.Status.Code.INVALID_ARGUMENT, io.grpc.Status.Code.NOT_FOUND,
        io.grpc.Status.Code.UNKNOWN, io.grpc.Status.Code.CANCELLED, io.grpc.Status.Code.DEADLINE_EXCEEDED)) {
      for (int i = 0; i < 10; i++) {
        a.onCallClosed(code, nanos.get());
      }
    }

    assertThat(a.state(nanos.get())).isEqualTo(BackendState.HEALTHY);
  }
}
