package dev.convoy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convoy-batch against a real server on loopback: results, errors, and resuming after being killed. */
class BatchClientEndToEndTest {
  @TempDir static Path repository;
  @TempDir Path work;
  private static InferenceServer server;
  private static ManagedChannel channel;
  private static Reference reference;

  @BeforeAll
  static void start() throws Exception {
    server = InferenceServer.start(ServerOptions.loopback(Digits.repository(repository)),
        new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    reference = Reference.unary(channel);
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void csv_digitsThreeTimesOver_outputsEqualUnaryAnswersBitForBitAndAccuracyAsRecorded() throws Exception {
    Path input = Digits.repeated(work.resolve("digits.csv"), 3);
    Path output = work.resolve("out.jsonl");
    StringBuilder log = new StringBuilder();

    int code = BatchRun.inProcess(log, args(input, output));

    assertThat(code).as(log.toString()).isEqualTo(Main.ALL_DONE);
    List<JsonObject> lines = Outputs.read(output);
    Outputs.assertEveryRowOnce(lines, Outputs.read(work.resolve("out.errors.jsonl")), 3L * reference.size());
    assertMatchesReference(lines);
    int correct = 0;
    for (int r = 0; r < reference.size(); r++) {
      if (Outputs.argmax(Outputs.floats(lines.get(r), "logits")) == reference.labels()[r]) {
        correct++;
      }
    }
    assertThat(new int[] {correct, reference.size()}).isEqualTo(Digits.recordedAccuracy());
  }

  @Test
  void csv_malformedRows_landInTheErrorsFileWhileTheOthersSucceed() throws Exception {
    List<String> digits = Digits.lines();
    List<String> rows = new ArrayList<>(digits.subList(0, 21));
    rows.set(1 + 5, rows.get(1 + 5).replaceFirst(",0,", ",abc,"));
    rows.set(1 + 12, "3,1,2,3");
    Path input = Files.write(work.resolve("bad.csv"), rows, StandardCharsets.UTF_8);
    Path output = work.resolve("out.jsonl");
    StringBuilder log = new StringBuilder();

    int code = BatchRun.inProcess(log, args(input, output));

    assertThat(code).as(log.toString()).isEqualTo(Main.SOME_FAILED);
    List<JsonObject> results = Outputs.read(output);
    List<JsonObject> errors = Outputs.read(work.resolve("out.errors.jsonl"));
    Outputs.assertEveryRowOnce(results, errors, 20);
    assertThat(errors).extracting(e -> e.get("row").getAsLong()).containsExactly(5L, 12L);
    assertThat(errors).allSatisfy(e -> assertThat(e.get("status").getAsString()).isEqualTo("INVALID_ARGUMENT"));
    assertThat(errors.get(0).get("message").getAsString()).contains("'abc'", "FP32");
    assertThat(errors.get(1).get("message").getAsString()).contains("4 fields", "65");
    assertMatchesReference(results);
  }

  @Test
  void jsonl_requestsWithIds_idsKeptAndEachFailureItsOwnErrorLine() throws Exception {
    String row = "[" + Digits.lines().get(1).substring(Digits.lines().get(1).indexOf(',') + 1) + "]";
    String request = "{\"id\":\"%s\",\"modelName\":\"%s\",\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
        + "\"shape\":[1,64],\"contents\":{\"fp32Contents\":" + row + "}}]}";
    Path input = Files.write(work.resolve("requests.jsonl"), List.of(
        String.format(request, "first", "digits_mlp"),
        "{not json",
        String.format(request, "ghost-one", "ghost"),
        String.format(request, "second", "")), StandardCharsets.UTF_8);
    Path output = work.resolve("out.jsonl");
    StringBuilder log = new StringBuilder();

    int code = BatchRun.inProcess(log, "--insecure", "-i", input.toString(), "-o", output.toString(),
        "-m", "digits_mlp", "--progress", "none", "127.0.0.1:" + server.port());

    assertThat(code).as(log.toString()).isEqualTo(Main.SOME_FAILED);
    List<JsonObject> results = Outputs.read(output);
    List<JsonObject> errors = Outputs.read(work.resolve("out.errors.jsonl"));
    Outputs.assertEveryRowOnce(results, errors, 4);
    assertThat(results).extracting(r -> r.get("id").getAsString()).containsExactly("first", "second");
    // Typed contents in, raw contents out (as Triton answers): the same values as the raw unary answer.
    assertThat(Outputs.floats(results.get(0), "logits")).isEqualTo(reference.logits().get(0));
    assertThat(errors).extracting(e -> e.get("status").getAsString()).containsExactly("INVALID_ARGUMENT", "NOT_FOUND");
    assertThat(errors.get(1).get("id").getAsString()).isEqualTo("ghost-one");
  }

  @Test
  void csv_clientTerminatedThenKilledMidRun_resumesWithEveryRowExactlyOnce() throws Exception {
    int times = 20;
    Path input = Digits.repeated(work.resolve("digits.csv"), times);
    Path output = work.resolve("out.jsonl");
    Path checkpoint = work.resolve("out.checkpoint");
    String[] args = args(input, output, "--rows-per-request", "4", "--in-flight-rows", "64", "--commit-every", "50ms");
    long rows = (long) times * reference.size();

    Process terminated = BatchRun.process(work.resolve("run1.log"), args);
    BatchRun.awaitCheckpointRows(checkpoint, 500, terminated);
    terminated.destroy(); // SIGTERM, as Ctrl-C would: it commits what it wrote and exits 2
    assertThat(terminated.waitFor()).as(BatchRun.log(work.resolve("run1.log"))).isEqualTo(Main.NOT_DONE);
    long afterFirst = BatchRun.checkpointRows(checkpoint);
    assertThat(afterFirst).isBetween(500L, rows - 1);

    Process killed = BatchRun.process(work.resolve("run2.log"), args);
    BatchRun.awaitCheckpointRows(checkpoint, afterFirst + 500, killed);
    assertThat(killed.isAlive()).isTrue();
    killed.destroyForcibly(); // SIGKILL: lines past the last checkpoint are left behind
    killed.waitFor();
    assertThat(BatchRun.checkpointRows(checkpoint)).isLessThan(rows);

    StringBuilder log = new StringBuilder();
    int code = BatchRun.inProcess(log, args);

    assertThat(code).as(log.toString()).isEqualTo(Main.ALL_DONE);
    List<JsonObject> lines = Outputs.read(output);
    Outputs.assertEveryRowOnce(lines, Outputs.read(work.resolve("out.errors.jsonl")), rows);
    assertMatchesReference(lines);
    assertThat(BatchRun.inProcess(log, args)).as("a finished job, rerun").isEqualTo(Main.ALL_DONE);
    assertThat(Outputs.read(output)).hasSize((int) rows);
  }

  @Test
  void output_existsWithoutCheckpoint_refusedWithExitTwo() throws Exception {
    Path input = Digits.repeated(work.resolve("digits.csv"), 1);
    Path output = Files.writeString(work.resolve("out.jsonl"), "someone else's\n");
    StringBuilder log = new StringBuilder();

    assertThat(BatchRun.inProcess(log, args(input, output))).isEqualTo(Main.NOT_DONE);
    assertThat(log).contains("has no checkpoint");
    assertThat(Files.readString(output)).isEqualTo("someone else's\n");
  }

  private static String[] args(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("--insecure", "-i", input.toString(), "-o", output.toString(),
        "-m", "digits_mlp", "--progress", "none"));
    args.addAll(List.of(more));
    args.add("127.0.0.1:" + server.port());
    return args.toArray(String[]::new);
  }

  /** Each result equals, bit for bit, the unary answer to its row of the split. */
  static void assertMatchesReference(List<JsonObject> lines, Reference reference) {
    for (JsonObject line : lines) {
      int row = (int) (line.get("row").getAsLong() % reference.size());
      assertThat(Outputs.floats(line, "logits")).as("logits of row " + line.get("row"))
          .isEqualTo(reference.logits().get(row));
      assertThat(Outputs.floats(line, "probabilities")).as("probabilities of row " + line.get("row"))
          .isEqualTo(reference.probabilities().get(row));
    }
  }

  private static void assertMatchesReference(List<JsonObject> lines) {
    assertMatchesReference(lines, reference);
  }
}
