package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.fixture.FixtureServer;
import dev.convoy.loadtest.grpc.ChannelPool;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.ClientTuning;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.proto.inference.RepositoryIndexResponse.ModelIndex;
import dev.convoy.proto.inference.ServerReadyRequest;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Starts each kind of {@link Target} as its own JVM on a loopback port and waits until it is
 * ready, asked over gRPC (ServerReady; then the model's state on a server, ModelReady through a
 * router). The Convoy server and router get a free port picked here (a start that lost the port
 * to another process is retried on a new one); the fixtures and the monitor bind a free port
 * themselves and print it.
 */
final class TargetLauncher {

  static final String LOOPBACK = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int PORT_ATTEMPTS = 3;
  private static final Pattern LISTENING =
      Pattern.compile(Pattern.quote(FixtureServer.LISTENING) + "(\\d+)");
  private static final Pattern MONITOR_LISTENING =
      Pattern.compile("convoy-monitor: gRPC on [0-9.]+:(\\d+)");
  /** Samples per monitor window: the monitor reports every this many samples. */
  static final int MONITOR_WINDOW = 2000;
  private static final Pattern LOST_PORT =
      Pattern.compile("(BindException|Address already in use)");

  private final Path sourceRepository;
  private final Launch launch;

  TargetLauncher(Path sourceRepository, Launch launch) {
    this.sourceRepository = sourceRepository;
    this.launch = launch;
  }

  /** Starts {@code target}; its dependencies are in {@code running}. */
  RunningTarget start(Target target, Map<String, RunningTarget> running)
      throws NotRunException, InterruptedException {
    if (target instanceof Target.Convoy convoy) {
      return convoy(convoy, running);
    }
    if (target instanceof Target.TlsConvoy tls) {
      return tlsConvoy(tls);
    }
    if (target instanceof Target.Router router) {
      return router(router, running.get(router.backend().key()));
    }
    if (target instanceof Target.Fixture fixture) {
      return fixture(fixture);
    }
    if (target instanceof Target.Monitor monitor) {
      return monitor(monitor);
    }
    return receiver((Target.Receiver) target);
  }

  private RunningTarget convoy(Target.Convoy target, Map<String, RunningTarget> running)
      throws NotRunException, InterruptedException {
    String what = target.model() + " (" + target.variant().describe()
        + (target.sampling() == Target.Sampling.NONE ? "" : ", " + target.sampling().describe())
        + ")";
    Path jar = Launch.requireJar(launch.serverJar(), "inference-server");
    ScenarioRepository repository;
    try {
      repository = ScenarioRepository.create(sourceRepository, target.model(), target.variant());
    } catch (IOException e) {
      throw new NotRunException("cannot prepare " + what + ": " + e.getMessage(), e);
    }
    Map<String, String> environment = tracingEnvironment(target, running);
    List<String> sampling = target.monitored() ? List.of("--monitor", LOOPBACK + ":"
        + running.get(new Target.Monitor(target.key()).key()).port(), "--monitor-sample-rate", "1")
        : List.of();
    boolean started = false;
    try {
      RunningTarget server = withFreePort("convoy-server", port -> concat(List.of(Launch.java(),
          "-Xmx" + launch.heap(), "-jar", jar.toString(), "-m", repository.root().toString(),
          "--host", LOOPBACK, "-p", Integer.toString(port), "--metrics-port", "-1",
          "--shutdown-grace", "PT2S"), sampling), environment, target, repository);
      try {
        requireModelReady(server, target.model(), what);
      } catch (NotRunException | RuntimeException e) {
        server.close();
        throw e;
      }
      started = true;
      return server;
    } finally {
      if (!started) {
        repository.close();
      }
    }
  }

  /** A server as shipped on TLS: its certificate made now, trusted by the bench's channel to it. */
  private RunningTarget tlsConvoy(Target.TlsConvoy target) throws NotRunException, InterruptedException {
    Path jar = Launch.requireJar(launch.serverJar(), "inference-server");
    BenchCertificate certificate = BenchCertificate.create();
    ScenarioRepository repository = null;
    boolean started = false;
    try {
      repository = ScenarioRepository.create(sourceRepository, target.model(), ModelVariant.SHIPPED);
      Path root = repository.root();
      ScenarioRepository created = repository;
      RunningTarget server = withFreePort("convoy-server-tls", port -> List.of(Launch.java(),
          "-Xmx" + launch.heap(), "-jar", jar.toString(), "-m", root.toString(),
          "--host", LOOPBACK, "-p", Integer.toString(port), "--metrics-port", "-1",
          "--shutdown-grace", "PT2S", "--tls-cert", certificate.certificate().toString(),
          "--tls-key", certificate.key().toString()), untraced(), target, () -> {
            created.close();
            certificate.close();
          }, port -> ChannelPool.open(new ChannelSettings(LOOPBACK, port, false, certificate.certificate(), null,
              null, false, null, Duration.ofSeconds(10), 1, ClientTuning.defaults())));
      try {
        requireModelReady(server, target.model(), target.model() + " over TLS");
      } catch (NotRunException | RuntimeException e) {
        server.close();
        throw e;
      }
      started = true;
      return server;
    } catch (IOException e) {
      throw new NotRunException("cannot prepare " + target.model() + " over TLS: " + e.getMessage(), e);
    } finally {
      if (!started) {
        if (repository != null) {
          repository.close();
        }
        certificate.close();
      }
    }
  }

  private RunningTarget router(Target.Router target, RunningTarget backend)
      throws NotRunException, InterruptedException {
    Path jar = Launch.requireJar(launch.routerJar(), "router");
    RunningTarget router = withFreePort("convoy-router", port -> List.of(Launch.java(),
        "-Xmx" + launch.heap(), "-jar", jar.toString(), "--host", LOOPBACK,
        "-p", Integer.toString(port), "--backend", LOOPBACK + ":" + backend.port(),
        "--metrics-port", "-1", "--set", "shutdown.grace=2s"), untraced(), target, null);
    String model = target.backend().model();
    ModelReadyRequest ready = ModelReadyRequest.newBuilder().setName(model).build();
    boolean routes = poll(router, () -> router.stub().modelReady(ready).getReady());
    if (!routes) {
      String why = "router does not route " + model + ": " + router.process().describeFailure();
      router.close();
      throw new NotRunException(why);
    }
    return router;
  }

  private RunningTarget fixture(Target.Fixture target)
      throws NotRunException, InterruptedException {
    TargetProcess process = TargetProcess.start(target.kind().label, List.of(Launch.java(),
        "-Xmx" + launch.heap(), "-cp", System.getProperty("java.class.path"),
        target.kind().mainClass, "--port", "0", "--repository", sourceRepository.toString(),
        "--model", target.model()), untraced());
    int port = reportedPort(process, LISTENING);
    RunningTarget fixture = new RunningTarget(target, process, port, loopback(port), null);
    if (!poll(fixture, () -> fixture.stub().serverReady(ServerReadyRequest.getDefaultInstance())
        .getReady())) {
      fixture.close();
      throw new NotRunException(target.kind().label + " did not become ready: "
          + process.describeFailure());
    }
    return fixture;
  }

  /** A monitor on a port it picks, its database in a directory removed when it stops. */
  private RunningTarget monitor(Target.Monitor target)
      throws NotRunException, InterruptedException {
    Path jar = Launch.requireJar(launch.monitorJar(), "monitor");
    Path data;
    try {
      data = Files.createTempDirectory("convoy-bench-monitor");
    } catch (IOException e) {
      throw new NotRunException("cannot make the monitor's database directory: " + e.getMessage(), e);
    }
    TargetProcess process = TargetProcess.start("convoy-monitor", List.of(Launch.java(),
        "-Xmx" + launch.heap(), "-jar", jar.toString(), "--host", LOOPBACK, "--port", "0",
        "--http-port", "-1", "--metrics-port", "-1", "--db", data.resolve("monitor").toString(),
        "--reference", "digits_mlp:1=" + sourceRepository.resolve("data/digits_reference.csv"),
        "--window", Integer.toString(MONITOR_WINDOW)), untraced());
    int port = reportedPort(process, MONITOR_LISTENING);
    return new RunningTarget(target, process, port, loopback(port), () -> DirectoryTrees.delete(data));
  }

  private RunningTarget receiver(Target.Receiver target)
      throws NotRunException, InterruptedException {
    TargetProcess process = TargetProcess.start("otlp-receiver", List.of(Launch.java(),
        "-Xmx" + launch.heap(), "-cp", System.getProperty("java.class.path"),
        "dev.convoy.loadtest.fixture.OtlpReceiver"), untraced());
    return new RunningTarget(target, process, reportedPort(process, LISTENING), null, null);
  }

  /** A process that takes its port from the command line, retried if it lost the port. */
  private RunningTarget withFreePort(String name, PortCommand command,
      Map<String, String> environment, Target target, AutoCloseable leftovers)
      throws NotRunException, InterruptedException {
    return withFreePort(name, command, environment, target, leftovers, TargetLauncher::loopback);
  }

  /** As above, the bench's channels to the process made by {@code channels} (TLS, say). */
  private RunningTarget withFreePort(String name, PortCommand command,
      Map<String, String> environment, Target target, AutoCloseable leftovers, IntFunction<ChannelPool> channels)
      throws NotRunException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      TargetProcess process = TargetProcess.start(name, command.at(port), environment);
      RunningTarget running = new RunningTarget(target, process, port, channels.apply(port), null);
      if (poll(running, () -> running.stub().serverReady(ServerReadyRequest.getDefaultInstance())
          .getReady())) {
        return running.removingOnClose(leftovers);
      }
      String failure = process.describeFailure();
      running.close();
      if (attempt == PORT_ATTEMPTS || !LOST_PORT.matcher(failure).find()) {
        throw new NotRunException(name + " did not become ready: " + failure);
      }
    }
  }

  /** Polls {@code check} until true, the process ends, or the ready timeout passes. */
  private static boolean poll(RunningTarget target, BooleanSupplier check)
      throws InterruptedException {
    long giveUp = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (target.process().isAlive() && System.nanoTime() < giveUp) {
      try {
        if (check.getAsBoolean()) {
          return true;
        }
      } catch (StatusRuntimeException e) {
        // Not listening yet (UNAVAILABLE): ask again.
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return false;
  }

  private static int reportedPort(TargetProcess process, Pattern listening)
      throws NotRunException, InterruptedException {
    long giveUp = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (process.isAlive() && System.nanoTime() < giveUp) {
      var port = process.find(listening);
      if (port.isPresent()) {
        return Integer.parseInt(port.get());
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    String failure = process.describeFailure();
    process.close();
    throw new NotRunException(process.name() + " reported no port: " + failure);
  }

  private static void requireModelReady(RunningTarget server, String model, String what)
      throws NotRunException {
    List<ModelIndex> index;
    try {
      index = server.stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance())
          .getModelsList().stream().filter(m -> m.getName().equals(model)).toList();
    } catch (StatusRuntimeException e) {
      throw new NotRunException("server for " + what + " failed: " + e.getMessage(), e);
    }
    if (index.stream().noneMatch(m -> m.getState().equals("READY"))) {
      String reason = index.stream().map(ModelIndex::getReason).filter(r -> !r.isEmpty())
          .findFirst().orElse("state " + index.stream().map(ModelIndex::getState).toList());
      throw new NotRunException("server did not load " + what + ": " + reason);
    }
  }

  /** The OTEL_* variables of a server: none of the bench's own, then the sampling asked for. */
  private static Map<String, String> tracingEnvironment(Target.Convoy target,
      Map<String, RunningTarget> running) {
    Map<String, String> environment = untraced();
    if (target.sampling() != Target.Sampling.NONE) {
      RunningTarget receiver = running.get(new Target.Receiver(target.key()).key());
      environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://" + LOOPBACK + ":" + receiver.port());
      environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
      environment.put("OTEL_TRACES_SAMPLER", target.sampling().sampler);
      environment.put("OTEL_TRACES_SAMPLER_ARG", target.sampling().argument);
      // Export as spans come, not in bursts every 5 s, so a short row pays for its export.
      environment.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    }
    return environment;
  }

  /** Removes every OTEL_* variable the bench itself was started with. */
  private static Map<String, String> untraced() {
    Map<String, String> environment = new HashMap<>();
    for (String name : new ArrayList<>(System.getenv().keySet())) {
      if (name.startsWith("OTEL_")) {
        environment.put(name, null);
      }
    }
    return environment;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static ChannelPool loopback(int port) {
    return ChannelPool.open(ChannelSettings.plaintext(LOOPBACK, port));
  }

  private static int freePort() throws NotRunException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new NotRunException("no free loopback port: " + e.getMessage(), e);
    }
  }

  /** A command line for a given port. */
  @FunctionalInterface
  private interface PortCommand {
    List<String> at(int port);
  }
}
