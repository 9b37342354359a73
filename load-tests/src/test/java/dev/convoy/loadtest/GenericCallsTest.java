package dev.convoy.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.CommandRunner.Outcome;
import dev.convoy.loadtest.testing.EchoServer;
import io.grpc.Metadata;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any gRPC method, as ghz calls it: schema sources, the four kinds, templates, binary data. */
class GenericCallsTest {

  @TempDir Path dir;

  private EchoServer server;

  @BeforeEach
  void start() throws IOException {
    server = EchoServer.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void run_unaryByReflectionWithTemplate_eachCallRendersItsRequestNumber() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.Unary",
        "-d", "{\"text\":\"r{{.RequestNumber}}\"}", "-n", "20", "-c", "2", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("[OK]   20 responses");
    assertThat(server.texts()).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 20).mapToObj(i -> "r" + i).toList());
  }

  @Test
  void run_protoset_callsTheMethodItDescribes() throws IOException {
    Path protoset = Files.write(dir.resolve("echo.protoset"), EchoServer.protoset());

    Outcome outcome = CommandRunner.run("--insecure", "--protoset", protoset.toString(),
        "--call", "convoy.test.Echo/Unary", "-d", "{\"text\":\"p\"}", "-n", "5", "-c", "1",
        server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(server.texts()).containsExactly("p", "p", "p", "p", "p");
  }

  @Test
  void run_protoFile_compiledByProtoc() throws IOException {
    assumeTrue(onPath("protoc"), "protoc is not installed");
    Path proto = Files.writeString(dir.resolve("echo.proto"), EchoServer.PROTO);

    Outcome outcome = CommandRunner.run("--insecure", "--proto", proto.toString(), "--call",
        "convoy.test.Echo.Unary", "-d", "{\"text\":\"f\"}", "-n", "3", "-c", "1",
        server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(server.texts()).containsExactly("f", "f", "f");
  }

  @Test
  void run_ghzDocumentedTomlConfig_runsUnchanged() throws IOException {
    assumeTrue(onPath("protoc"), "protoc is not installed");
    Path proto = Files.writeString(dir.resolve("echo.proto"), EchoServer.PROTO);
    Path report = dir.resolve("pretty.json");
    // ghz's example TOML config (www/docs/example_config.md), pointed at the echo service.
    Path config = Files.writeString(dir.resolve("ghz.toml"), String.join("\n",
        "\"max-duration\" = \"7s\"", "total = 12", "concurrency = 3",
        "proto = \"" + proto + "\"", "call = \"convoy.test.Echo.Unary\"",
        "host = \"" + server.target() + "\"", "insecure = true",
        "output = \"" + report + "\"", "format = \"pretty\"", "", "[data]",
        "text = \"Bob {{.TimestampUnix}}\"", "", "[metadata]", "rn = \"{{.RequestNumber}}\""));

    Outcome outcome = CommandRunner.run("--config", config.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertThat(json.get("count").getAsInt()).isEqualTo(12);
    assertThat(json.getAsJsonObject("options").get("proto").getAsString())
        .isEqualTo(proto.toString());
    assertThat(server.texts()).hasSize(12).allMatch(t -> t.matches("Bob \\d{10}"));
  }

  @Test
  void run_unknownServiceMethod_ghzError() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.Nope",
        "-n", "1", "-c", "1", server.target());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains(
        "service \"convoy.test.Echo\" does not include a method named \"Nope\"");
  }

  @Test
  void run_clientStreamWithCallCount_eachStreamSendsThatManyMessages() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.ClientStream",
        "-d", "[{\"text\":\"a\"},{\"text\":\"b\"}]", "--stream-call-count", "5", "-n", "4",
        "-c", "2", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(server.streamLengths()).containsExactly(5, 5, 5, 5);
    assertThat(server.texts()).containsOnly("a", "b").hasSize(20);
  }

  @Test
  void run_bidiWithDataArray_oneStreamPerCallSendingEachElement() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.Bidi",
        "-d", "[{\"text\":\"x\"},{\"text\":\"y\"},{\"text\":\"z\"}]", "-n", "3", "-c", "1",
        "--stream-interval", "1ms", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("Count:\t3\n");
    assertThat(server.streamLengths()).containsExactly(3, 3, 3);
  }

  @Test
  void run_serverStreamWithCallCount_closedAfterThatManyAnswersAndCountedOk() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.ServerStream",
        "-d", "{\"text\":\"s\"}", "--stream-call-count", "3", "-n", "4", "-c", "2",
        server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("[OK]   4 responses");
  }

  @Test
  void run_binaryFileOfDelimitedMessages_cycledThrough() throws IOException {
    Path data = Files.write(dir.resolve("requests.bin"),
        EchoServer.delimitedRequests("b1", "b2"));

    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.Unary",
        "-B", data.toString(), "-n", "4", "-c", "1", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(server.texts()).containsExactly("b1", "b2", "b1", "b2");
  }

  @Test
  void run_metadataTemplate_renderedPerCall() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.Unary",
        "-d", "{\"text\":\"m\"}", "-m", "{\"x-call\":\"{{.MethodName}}-{{.RequestNumber}}\"}",
        "-n", "3", "-c", "1", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    List<String> values = server.headers().stream()
        .map(h -> h.get(Metadata.Key.of("x-call", Metadata.ASCII_STRING_MARSHALLER)))
        .filter(v -> v != null).toList();
    assertThat(values).containsExactly("Unary-0", "Unary-1", "Unary-2");
  }

  @Test
  void run_disabledTemplateData_sentAsWritten() {
    Outcome outcome = CommandRunner.run("--insecure", "--call", "convoy.test.Echo.Unary",
        "-d", "{\"text\":\"{{.RequestNumber}}\"}", "--disable-template-data", "-n", "2", "-c",
        "1", server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(server.texts()).containsExactly("{{.RequestNumber}}", "{{.RequestNumber}}");
  }

  @Test
  void run_healthCheckByReflection_ok() throws IOException {
    Path report = dir.resolve("health.json");

    Outcome outcome = CommandRunner.run("--insecure", "--call", "grpc.health.v1.Health.Check",
        "-n", "5", "-c", "1", "-O", "json", "-o", report.toString(), server.target());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertThat(json.getAsJsonObject("statusCodeDistribution").get("OK").getAsInt()).isEqualTo(5);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
