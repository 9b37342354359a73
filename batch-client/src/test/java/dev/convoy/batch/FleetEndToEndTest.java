package dev.convoy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.router.Router;
import dev.convoy.router.RouterEnvironment;
import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.Settings;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convoy-batch when servers go away: behind a router no row is lost; alone, a rerun resumes. */
class FleetEndToEndTest {
  private static final int TIMES = 10;
  @TempDir Path work;

  @Test
  void router_oneOfTwoServersStopsMidRun_everyRowDoneOnceAndBothServersWorked() throws Exception {
    InferenceServer first = start(work.resolve("a"), 0);
    InferenceServer second = start(work.resolve("b"), 0);
    Router router = Router.start(ConfigParser.parse(Settings.parse("""
        host = 127.0.0.1
        port = 0
        probe.interval = 1h
        probe.timeout = 10s
        backend = 127.0.0.1:%d
        backend = 127.0.0.1:%d
        """.formatted(first.port(), second.port()), "test")), RouterEnvironment.system(), OpenTelemetry.noop());
    ManagedChannel toRouter = ManagedChannelBuilder.forAddress("127.0.0.1", router.port()).usePlaintext().build();
    try {
      Reference reference = Reference.unary(toRouter);
      Path input = Digits.repeated(work.resolve("digits.csv"), TIMES);
      Path output = work.resolve("out.jsonl");
      String[] args = args(input, output, router.port());
      StringBuilder log = new StringBuilder();
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> BatchRun.inProcess(log, args));

      BatchRun.awaitCheckpointRows(work.resolve("out.checkpoint"), 1_000, null);
      long firstServed = served(first);
      first.close();

      assertThat(run.get(3, TimeUnit.MINUTES)).as(log.toString()).isEqualTo(Main.ALL_DONE);
      List<JsonObject> lines = Outputs.read(output);
      Outputs.assertEveryRowOnce(lines, Outputs.read(work.resolve("out.errors.jsonl")), (long) TIMES * reference.size());
      BatchClientEndToEndTest.assertMatchesReference(lines, reference);
      assertThat(firstServed).as("requests the first server answered before it stopped").isPositive();
      assertThat(served(second)).isPositive();
    } finally {
      toRouter.shutdownNow();
      router.close();
      first.close();
      second.close();
    }
  }

  @Test
  void server_stopsMidRun_clientStopsWithExitTwoAndARerunFinishesEveryRowOnce() throws Exception {
    Path repository = work.resolve("repo");
    InferenceServer server = startDying(repository, 0);
    int port = server.port();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Reference reference = Reference.unary(channel);
    channel.shutdownNow();
    Path input = Digits.repeated(work.resolve("digits.csv"), TIMES);
    Path output = work.resolve("out.jsonl");
    String[] args = args(input, output, port);
    StringBuilder log = new StringBuilder();
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> BatchRun.inProcess(log, args));

    BatchRun.awaitCheckpointRows(work.resolve("out.checkpoint"), 1_000, null);
    server.close();

    assertThat(run.get(3, TimeUnit.MINUTES)).as(log.toString()).isEqualTo(Main.NOT_DONE);
    assertThat(log).contains("unavailable", "rerun the same command to resume");
    server = start(repository, port);
    try {
      StringBuilder rerun = new StringBuilder();
      assertThat(BatchRun.inProcess(rerun, args)).as(rerun.toString()).isEqualTo(Main.ALL_DONE);
      List<JsonObject> lines = Outputs.read(output);
      Outputs.assertEveryRowOnce(lines, Outputs.read(work.resolve("out.errors.jsonl")), (long) TIMES * reference.size());
      BatchClientEndToEndTest.assertMatchesReference(lines, reference);
    } finally {
      server.close();
    }
  }

  private static String[] args(Path input, Path output, int port) {
    return new String[] {"--insecure", "-i", input.toString(), "-o", output.toString(), "-m", "digits_mlp",
        "--rows-per-request", "4", "--in-flight-rows", "64", "--commit-every", "50ms", "--retries", "3",
        "--backoff", "50ms", "--max-backoff", "200ms", "--progress", "none", "127.0.0.1:" + port};
  }

  private static InferenceServer start(Path repository, int port) throws Exception {
    if (!repository.resolve("digits_mlp").toFile().exists()) {
      Digits.repository(repository);
    }
    return InferenceServer.start(ServerOptions.loopback(repository).withPort(port),
        new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC());
  }

  /** A server whose close cancels calls at once, as a dying process would drop them. */
  private static InferenceServer startDying(Path repository, int port) throws Exception {
    Digits.repository(repository);
    return InferenceServer.start(new ServerOptions(repository, "127.0.0.1", port, 4, Duration.ZERO, 64 << 20),
        new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC());
  }

  private static long served(InferenceServer server) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .modelStatistics(ModelStatisticsRequest.newBuilder().setName("digits_mlp").build())
          .getModelStats(0).getInferenceStats().getSuccess().getCount();
    } finally {
      channel.shutdownNow();
    }
  }
}
