package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.convoy.loadtest.engine.LoadClock;
import dev.convoy.loadtest.input.RowsCsv;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference fixtures started as the bench starts them, each its own process on an
 * ephemeral loopback port, answering the bench's own request; stopped with the host.
 */
class FixtureProcessesTest {

  private static final String MODEL = "digits_mlp";
  private static final Target FLOOR = new Target.Fixture(Target.Fixture.Kind.GRPC_FLOOR, MODEL);
  private static final Target HAND_WRITTEN =
      new Target.Fixture(Target.Fixture.Kind.HAND_WRITTEN, MODEL);

  @Test
  void fixtures_startedAsProcesses_answerTheSameRequestWithResponsesOfTheSameSize()
      throws Exception {
    BenchSettings settings = BenchmarkSuiteSmokeTest.settings(BenchmarkSuiteSmokeTest.MODELS,
        Duration.ofMillis(100));
    RowsCsv rows = RowsCsv.read(settings.rowsFile());
    TargetProcess floorProcess;
    TargetProcess handWrittenProcess;
    try (BenchContext context = new BenchContext(settings, rows, LoadClock.system())) {
      context.targets().runOnly(List.of(FLOOR, HAND_WRITTEN));
      RunningTarget floor = context.targets().get(FLOOR);
      RunningTarget handWritten = context.targets().get(HAND_WRITTEN);
      floorProcess = floor.process();
      handWrittenProcess = handWritten.process();
      ModelInferRequest request = context.requests(MODEL).get(0);

      ModelInferResponse canned = floor.stub().modelInfer(request);
      ModelInferResponse computed = handWritten.stub().modelInfer(request);

      assertThat(floor.port()).isNotEqualTo(handWritten.port()).isPositive();
      assertThat(canned.getSerializedSize()).isEqualTo(computed.getSerializedSize());
      assertThat(canned.getOutputsList()).extracting(o -> o.getName() + o.getShapeList())
          .containsExactlyElementsOf(computed.getOutputsList().stream()
              .map(o -> o.getName() + o.getShapeList()).toList());
      float[] probabilities = floats(computed, "probabilities");
      double sum = 0;
      for (float p : probabilities) {
        sum += p;
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(floats(canned, "probabilities")).containsOnly(0f);
    }
    assertThat(floorProcess.isAlive()).isFalse();
    assertThat(handWrittenProcess.isAlive()).isFalse();
  }

  @Test
  void floor_cannedResponse_sameSizeAsConvoysAnswer() throws Exception {
    assumeThat(BenchmarkSuiteSmokeTest.LAUNCH.serverJar()).isRegularFile();
    BenchSettings settings = BenchmarkSuiteSmokeTest.settings(BenchmarkSuiteSmokeTest.MODELS,
        Duration.ofMillis(100));
    Target convoy = new Target.Convoy(MODEL, ModelVariant.SHIPPED);
    try (BenchContext context = new BenchContext(settings, RowsCsv.read(settings.rowsFile()),
        LoadClock.system())) {
      context.targets().runOnly(List.of(FLOOR, convoy));
      ModelInferRequest request = context.requests(MODEL).get(0);

      ModelInferResponse canned = context.targets().get(FLOOR).stub().modelInfer(request);
      ModelInferResponse served = context.targets().get(convoy).stub().modelInfer(request);

      assertThat(canned.getSerializedSize()).isEqualTo(served.getSerializedSize());
    }
  }

  private static float[] floats(ModelInferResponse response, String output) {
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (response.getOutputs(i).getName().equals(output)) {
        ByteBuffer bytes = response.getRawOutputContents(i).asReadOnlyByteBuffer()
            .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
      }
    }
    throw new AssertionError("no output " + output);
  }
}
