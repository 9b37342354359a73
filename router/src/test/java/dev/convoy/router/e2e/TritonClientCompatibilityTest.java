package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python gRPC client, generated at test time from {@code proto/}, calls a server on loopback
 * (the server's jar in its own process, as deployed, so with its own logging backend)
 * the way tritonclient does (raw tensors, numpy decoding, BYTES with length prefixes, statistics,
 * trace and log settings, system shared memory, classification, loads with a config override),
 * directly and through the router. The server runs under explicit model control with every model
 * loaded, over a repository that adds {@code digits_labelled}: digits_mlp with a label file. The cases are in
 * {@code src/test/python/tritonclient_compat.py}. Needs Debian's python3-grpcio,
 * python3-grpc-tools, python3-numpy, python3-protobuf and protobuf-compiler; skips, saying so,
 * where they are missing.
 */
class TritonClientCompatibilityTest {
  private static final Path SCRIPT = Path.of("src/test/python/tritonclient_compat.py");
  /** Debian's interpreter, the one its python3-* packages install into. */
  private static final String DEBIAN_PYTHON = "/usr/bin/python3";

  private static final Pattern READY = Pattern.compile("ready on port (\\d+)");

  @TempDir static Path repository;
  private static Process server;
  private static String serverAddress;
  private static RouterUnderTest router;
  private static String python;

  @BeforeAll
  static void start() throws Exception {
    python = Files.isExecutable(Path.of(DEBIAN_PYTHON)) ? DEBIAN_PYTHON : "python3";
    String missing = missingTools();
    assumeTrue(missing.isEmpty(), missing);
    Servers.repository(repository, "digits_mlp", "typed_identity");
    serverAddress = "127.0.0.1:" + startServer(withLabelledDigits(repository));
    router = new RouterUnderTest("backend = " + serverAddress + "\n");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (router != null) {
      router.close();
    }
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void tritonStyleClient_direct_everyCasePasses() throws Exception {
    assertEveryCasePasses(serverAddress, "direct: ", List.of());
  }

  @Test
  void tritonStyleClient_throughRouter_everyCasePasses() throws Exception {
    assertEveryCasePasses("127.0.0.1:" + router.router.port(), "router: ", List.of("--via-router"));
  }

  private static void assertEveryCasePasses(String target, String label, List<String> flags) throws Exception {
    Path models = Servers.sampleModels();
    List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString(),
        "--proto-dir", models.resolveSibling("proto").resolve("src/main/proto").toString(),
        "--target", target, "--digits-csv", models.resolve("data/digits_test.csv").toString(), "--label", label));
    command.addAll(flags);
    Result result = run(command);

    assertThat(result.output()).as(result.output()).contains(label + "ok infer_raw_fp32_digits",
        label + "ok system_shared_memory", label + "ok classification_top_n_with_labels",
        label + "ok load_with_config_override")
        .doesNotContain(label + "FAIL");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  /**
   * Adds {@code digits_labelled}: digits_mlp's model whose {@code probabilities} name a label
   * file of the words zero..nine, for the classification case.
   */
  private static Path withLabelledDigits(Path models) throws IOException {
    Path labelled = Files.createDirectories(models.resolve("digits_labelled/1"));
    Files.copy(models.resolve("digits_mlp/1/model.onnx"), labelled.resolve("model.onnx"));
    String config = Files.readString(models.resolve("digits_mlp/config.pbtxt"))
        .replace("name: \"digits_mlp\"", "name: \"digits_labelled\"")
        .replace("name: \"probabilities\" data_type: TYPE_FP32 dims: [ 10 ]",
            "name: \"probabilities\" data_type: TYPE_FP32 dims: [ 10 ] label_filename: \"labels.txt\"");
    assertThat(config).contains("digits_labelled", "label_filename");
    Files.writeString(labelled.resolveSibling("config.pbtxt"), config);
    Files.write(labelled.resolveSibling("labels.txt"),
        List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"));
    return models;
  }

  /** Starts the server's jar on a free loopback port; returns the port once it is ready. */
  private static int startServer(Path models) throws IOException {
    Path jar = Servers.sampleModels().resolveSibling("inference-server/target/convoy-inference-server.jar");
    assertThat(jar).as("built by the reactor before this module's tests").exists();
    server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString(), "--model-repository", models.toString(), "--host", "127.0.0.1", "--port", "0",
        "--metrics-port", "-1", "--model-control-mode", "explicit", "--load-model", "*")
        .redirectErrorStream(true).start();
    server.getOutputStream().close();
    BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = log.readLine(); line != null; line = log.readLine()) {
      seen.append(line).append('\n');
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        Thread drain = new Thread(() -> drain(log), "compat-server-log");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(ready.group(1));
      }
    }
    throw new AssertionError("the server ended before it was ready:\n" + seen);
  }

  /** Reads the server's output until it ends (the pipe must not fill up); closed on stop. */
  private static void drain(BufferedReader log) {
    try {
      while (log.readLine() != null) {
        // discarded: the test reads answers, not logs
      }
    } catch (IOException e) {
      // the server was stopped
    }
  }

  /** Empty when the client can run here; otherwise what is missing, for the skip message. */
  private static String missingTools() throws IOException, InterruptedException {
    Result imports = run(List.of(python, "-c", "import grpc, grpc_tools.protoc, numpy, google.protobuf"));
    if (imports.exitCode() != 0) {
      return python + " cannot import grpc, grpc_tools, numpy and protobuf (Debian: python3-grpcio "
          + "python3-grpc-tools python3-numpy python3-protobuf): " + imports.output().strip();
    }
    try {
      return run(List.of("protoc", "--version")).exitCode() == 0 ? "" : "protoc does not run";
    } catch (IOException e) {
      return "protoc is not on PATH (Debian: protobuf-compiler)";
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish in 2 minutes: " + command);
    }
    return new Result(process.exitValue(), output);
  }
}
