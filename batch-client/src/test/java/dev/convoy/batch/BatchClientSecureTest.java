package dev.convoy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.testing.TestPki;
import dev.convoy.security.testing.TestTokens;
import dev.convoy.security.tls.TlsFiles;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.sampling.Sampler;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convoy-batch against a server that wants mutual TLS and a bearer token. */
class BatchClientSecureTest {
  @TempDir static Path dir;
  @TempDir Path work;
  private static final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor();
  private static ServiceSecurity security;
  private static InferenceServer server;
  private static TestPki ca;
  private static TestPki.Issued client;
  private static Path tokenFile;

  @BeforeAll
  static void start() throws Exception {
    ca = TestPki.create(dir, "batch");
    TestPki.Issued identity = ca.issue("server", "server.convoy.test");
    client = ca.issue("client", "batch-job.convoy.test");
    TestTokens tokens = new TestTokens();
    tokenFile = Files.writeString(dir.resolve("token"), tokens.add("batch-job") + "\n");
    Path policy = Files.writeString(dir.resolve("policy.json"), """
        {"roles": {"batch": {"groups": ["inference", "metadata", "model-config"]}},
         "principals": {"batch-job": {"roles": ["batch"]}}}
        """);
    security = ServiceSecurity.open(new TlsFiles(Optional.of(identity.certificate()), Optional.of(identity.key()),
        Optional.of(ca.caFile())), Optional.of(policy), Optional.of(tokens.write(dir.resolve("tokens.txt"))), true,
        reloads, () -> { });
    server = InferenceServer.start(ServerOptions.loopback(Digits.repository(dir.resolve("models"))),
        new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(), OpenTelemetry.noop(), Sampler.disabled(), security);
  }

  @AfterAll
  static void stop() {
    server.close();
    security.close();
    reloads.shutdownNow();
  }

  @Test
  void csv_overMutualTlsWithToken_isAllDone() throws Exception {
    Path input = Digits.repeated(work.resolve("digits.csv"), 1);
    StringBuilder log = new StringBuilder();
    int code = BatchRun.inProcess(log, args(input, "--token-file", tokenFile.toString()));
    assertThat(code).as(log.toString()).isEqualTo(Main.ALL_DONE);
  }

  @Test
  void csv_unknownToken_isRefusedUnauthenticated() throws Exception {
    Path input = Digits.repeated(work.resolve("digits.csv"), 1);
    Path wrong = Files.writeString(work.resolve("wrong-token"), new TestTokens().add("batch-job"));
    StringBuilder log = new StringBuilder();
    int code = BatchRun.inProcess(log, args(input, "--token-file", wrong.toString()));
    assertThat(code).isNotEqualTo(Main.ALL_DONE);
    assertThat(log.toString()).contains("UNAUTHENTICATED");
  }

  private String[] args(Path input, String... more) {
    List<String> args = new ArrayList<>(List.of("--cacert", ca.caFile().toString(), "--cert",
        client.certificate().toString(), "--key", client.key().toString(), "-i", input.toString(), "-o",
        work.resolve("out.jsonl").toString(), "-m", "digits_mlp", "--progress", "none"));
    args.addAll(List.of(more));
    args.add("localhost:" + server.port());
    return args.toArray(String[]::new);
  }
}
