package dev.convoy.loadtest.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.loadtest.testing.FakeInferenceService;
import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelMetadataResponse.TensorMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInputsTest {

  @Test
  void resolve_digitsModel_batchDimBecomesBatchSize() throws Exception {
    List<InputSpec> inputs =
        ModelInputs.resolve(FakeInferenceService.digitsMetadata(), 4, List.of());

    assertThat(inputs).singleElement().satisfies(input -> {
      assertThat(input.name()).isEqualTo("input");
      assertThat(input.datatype()).isEqualTo(Datatype.FP32);
      assertThat(input.shape()).containsExactly(4L, 64L);
      assertThat(input.batched()).isTrue();
      assertThat(input.byteSize()).isEqualTo(4 * 64 * 4);
      assertThat(input.elementsPerRow()).isEqualTo(64);
    });
  }

  @Test
  void resolve_variableInnerDim_becomesOne() throws Exception {
    List<InputSpec> inputs =
        ModelInputs.resolve(model(tensor("x", "INT64", 3, -1, 2)), 8, List.of());

    assertThat(inputs.get(0).shape()).containsExactly(3L, 1L, 2L);
    assertThat(inputs.get(0).batched()).isFalse();
    assertThat(inputs.get(0).rows()).isEqualTo(1);
  }

  @Test
  void resolve_overrideWithoutName_appliesToFirstInput() throws Exception {
    List<InputSpec> inputs = ModelInputs.resolve(
        model(tensor("a", "FP32", -1, 8), tensor("b", "BOOL", -1)), 1,
        List.of(ShapeOverride.parse("2,8"), ShapeOverride.parse("b=2")));

    assertThat(inputs.get(0).shape()).containsExactly(2L, 8L);
    assertThat(inputs.get(1).shape()).containsExactly(2L);
  }

  @Test
  void resolve_overrideUnknownInput_namesInputs() {
    assertThatThrownBy(() -> ModelInputs.resolve(FakeInferenceService.digitsMetadata(), 1,
        List.of(ShapeOverride.parse("pixels=1,64"))))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'pixels'")
        .hasMessageContaining("[input]");
  }

  @Test
  void resolve_unknownDatatype_namesInputAndType() {
    assertThatThrownBy(() -> ModelInputs.resolve(model(tensor("x", "FP8", 1)), 1, List.of()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("input 'x' has unknown datatype 'FP8'");
  }

  @Test
  void resolve_noInputs_saysSo() {
    assertThatThrownBy(() -> ModelInputs.resolve(model(), 1, List.of()))
        .hasMessageContaining("lists no inputs");
  }

  @Test
  void parse_shapeOverrideWithZero_rejected() {
    assertThatThrownBy(() -> ShapeOverride.parse("x=0,3"))
        .hasMessageContaining("positive integers");
  }

  static ModelMetadataResponse model(TensorMetadata... inputs) {
    return ModelMetadataResponse.newBuilder().setName("m").addAllInputs(List.of(inputs)).build();
  }

  static TensorMetadata tensor(String name, String datatype, long... shape) {
    TensorMetadata.Builder t = TensorMetadata.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      t.addShape(d);
    }
    return t.build();
  }
}
