package dev.convoy.loadtest.input;

import static dev.convoy.loadtest.input.ModelInputsTest.model;
import static dev.convoy.loadtest.input.ModelInputsTest.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.proto.inference.ModelInferRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferRequestsTest {

  @TempDir Path dir;

  @Test
  void random_everyDatatype_rawBytesMatchShapeAndElementSize() throws Exception {
    List<InputSpec> inputs = ModelInputs.resolve(model(
        tensor("f32", "FP32", -1, 3), tensor("f16", "FP16", 2), tensor("i64", "INT64", 2),
        tensor("u8", "UINT8", 5), tensor("b", "BOOL", 1), tensor("s", "BYTES", 2)), 2, List.of());

    ModelInferRequest request =
        InferRequests.random("m", "2", inputs, 1, 7).get(0);

    assertThat(request.getModelName()).isEqualTo("m");
    assertThat(request.getModelVersion()).isEqualTo("2");
    assertThat(request.getInputsList()).extracting(ModelInferRequest.InferInputTensor::getDatatype)
        .containsExactly("FP32", "FP16", "INT64", "UINT8", "BOOL", "BYTES");
    assertThat(request.getInputs(0).getShapeList()).containsExactly(2L, 3L);
    assertThat(request.getRawInputContentsList()).extracting(b -> b.size())
        .containsExactly(24, 4, 16, 5, 1, 2 * (4 + 8));
    assertThat(request.getInputs(0).hasContents()).isFalse();
  }

  @Test
  void random_sameSeed_sameRequestsAndDistinctWithinPool() throws Exception {
    List<InputSpec> inputs =
        ModelInputs.resolve(FakeInferenceService.digitsMetadata(), 1, List.of());

    List<ModelInferRequest> a = InferRequests.random("m", "", inputs, 3, 42);
    List<ModelInferRequest> b = InferRequests.random("m", "", inputs, 3, 42);

    assertThat(a).isEqualTo(b);
    assertThat(a.get(0)).isNotEqualTo(a.get(1));
    ByteBuffer values = a.get(0).getRawInputContents(0).asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 64; i++) {
      assertThat(values.getFloat()).isBetween(0f, 1f);
    }
  }

  @Test
  void fromRows_batchOfTwo_rowsInFileOrderLittleEndianWrappingAtEnd() throws Exception {
    RowsCsv csv = RowsCsv.read(RowsCsvTest.digitsSample());
    List<InputSpec> inputs =
        ModelInputs.resolve(FakeInferenceService.digitsMetadata(), 2, List.of());

    List<ModelInferRequest> requests = InferRequests.fromRows("digits_mlp", "", inputs, csv, 1);

    assertThat(requests).hasSize(3); // 5 rows, 2 per request
    ByteBuffer first = requests.get(0).getRawInputContents(0).asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(first.remaining()).isEqualTo(2 * 64 * 4);
    for (int row = 0; row < 2; row++) {
      for (String value : csv.rows().get(row).values()) {
        assertThat(first.getFloat()).isEqualTo(Float.parseFloat(value));
      }
    }
    ByteBuffer last = requests.get(2).getRawInputContents(0).asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
    last.position(64 * 4); // second row of the last request wraps to row 0
    assertThat(last.getFloat()).isEqualTo(Float.parseFloat(csv.rows().get(0).values().get(0)));
  }

  @Test
  void fromRows_wrongColumnCount_namesFileAndCounts() throws Exception {
    Path file = dir.resolve("three.csv");
    Files.writeString(file, "label,a,b,c\n1,1,2,3\n");
    List<InputSpec> inputs =
        ModelInputs.resolve(FakeInferenceService.digitsMetadata(), 1, List.of());
    RowsCsv csv = RowsCsv.read(file);

    assertThatThrownBy(() -> InferRequests.fromRows("m", "", inputs, csv, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("3 input columns")
        .hasMessageContaining("64 values per row");
  }

  @Test
  void fromRows_nonNumericCell_namesFileLineAndColumn() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "label,a,b\n1,1,2\n2,x,3\n");
    List<InputSpec> inputs =
        ModelInputs.resolve(model(tensor("in", "INT32", -1, 2)), 1, List.of());
    RowsCsv csv = RowsCsv.read(file);

    assertThatThrownBy(() -> InferRequests.fromRows("m", "", inputs, csv, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("line 3 column 'a'")
        .hasMessageContaining("INT32");
  }

  @Test
  void fromRows_integerOutOfRange_rejected() throws Exception {
    Path file = dir.resolve("range.csv");
    Files.writeString(file, "a\n300\n");
    List<InputSpec> inputs = ModelInputs.resolve(model(tensor("in", "UINT8", -1, 1)), 1, List.of());
    RowsCsv csv = RowsCsv.read(file);

    assertThatThrownBy(() -> InferRequests.fromRows("m", "", inputs, csv, 1))
        .hasMessageContaining("out of range for UINT8");
  }
}
