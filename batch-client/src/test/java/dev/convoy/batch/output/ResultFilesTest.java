package dev.convoy.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
  @TempDir Path dir;

  @Test
  void open_atCheckpointOffsets_cutsOffWhatWasWrittenAfterTheCommit() throws Exception {
    Path out = dir.resolve("out.jsonl");
    Path errors = dir.resolve("out.errors.jsonl");
    long committedOut;
    long committedErrors;
    try (ResultFiles files = ResultFiles.open(out, 0, errors, 0)) {
      files.output("{\"row\":0}");
      files.error("{\"row\":1}");
      files.commit();
      committedOut = files.outputBytes();
      committedErrors = files.errorsBytes();
      files.output("{\"row\":2}");
      files.commit();
    }

    try (ResultFiles files = ResultFiles.open(out, committedOut, errors, committedErrors)) {
      files.output("{\"row\":2,\"again\":true}");
      files.commit();
    }

    assertThat(Files.readAllLines(out)).containsExactly("{\"row\":0}", "{\"row\":2,\"again\":true}");
    assertThat(Files.readAllLines(errors)).containsExactly("{\"row\":1}");
  }

  @Test
  void open_fileShorterThanItsCheckpoint_refused() throws Exception {
    Path out = Files.writeString(dir.resolve("out.jsonl"), "x\n");

    assertThatThrownBy(() -> ResultFiles.open(out, 100, dir.resolve("e.jsonl"), 0))
        .hasMessageContaining("changed outside the job");
  }

  @Test
  void checkpoint_writtenThenRead_sameValuesAndNoTemporaryLeft() throws Exception {
    Path file = dir.resolve("out.checkpoint");
    Checkpoint written = new Checkpoint("in.csv (10 bytes)", 7, 70, 3, 6, 1, false);

    written.write(file);

    assertThat(Checkpoint.read(file)).contains(written);
    assertThat(Checkpoint.read(dir.resolve("none"))).isEmpty();
    assertThat(dir.resolve("out.checkpoint.tmp")).doesNotExist();
  }

  @Test
  void halfToFloat_normalSubnormalAndSpecialValues() {
    assertThat(TensorValues.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
    assertThat(TensorValues.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
    assertThat(TensorValues.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
    assertThat(TensorValues.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(TensorValues.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(TensorValues.halfToFloat((short) 0x7E00)).isNaN();
  }
}
