package dev.convoy.loadtest.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.ServerLiveRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRequestsTest {

  @TempDir Path dir;

  @Test
  void parse_object_oneRequestInProtobufJsonMapping() throws Exception {
    List<Message> messages = JsonRequests.parse(
        "{\"modelName\":\"m\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],"
            + "\"contents\":{\"fp32Contents\":[1.5,2]}}]}",
        ModelInferRequest.getDefaultInstance(), "-d");

    ModelInferRequest request = (ModelInferRequest) messages.get(0);
    assertThat(request.getModelName()).isEqualTo("m");
    assertThat(request.getInputs(0).getContents().getFp32ContentsList()).containsExactly(1.5f, 2f);
  }

  @Test
  void parse_array_oneRequestPerElement() throws Exception {
    assertThat(JsonRequests.parse("[{\"name\":\"a\"},{\"name\":\"b\"}]",
        ModelReadyRequest.getDefaultInstance(), "-d"))
        .extracting(m -> ((ModelReadyRequest) m).getName()).containsExactly("a", "b");
  }

  @Test
  void parse_unknownField_namesSourceAndField() {
    assertThatThrownBy(() -> JsonRequests.parse("{\"modelNam\":\"m\"}",
        ModelInferRequest.getDefaultInstance(), "-d/--data"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("-d/--data (inference.ModelInferRequest)")
        .hasMessageContaining("modelNam");
  }

  @Test
  void parse_arrayElementNotObject_namesElement() {
    assertThatThrownBy(() -> JsonRequests.parse("[{}, 3]",
        ServerLiveRequest.getDefaultInstance(), "-d"))
        .hasMessageContaining("element 1");
  }

  @Test
  void readFile_malformedJson_namesFile() throws Exception {
    Path file = dir.resolve("req.json");
    Files.writeString(file, "{\"modelName\": ");

    assertThatThrownBy(() -> JsonRequests.readFile(file, ModelInferRequest.getDefaultInstance()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("data file " + file + " is not valid JSON");
  }

  @Test
  void readFile_missing_namesFile() {
    Path file = dir.resolve("missing.json");

    assertThatThrownBy(() -> JsonRequests.readFile(file, ModelInferRequest.getDefaultInstance()))
        .hasMessageContaining("data file " + file + " does not exist");
  }

  @Test
  void withModel_emptyNameFields_filled() {
    JsonRequests.Named named =
        JsonRequests.withModel(ModelReadyRequest.getDefaultInstance(), "digits", "3");

    assertThat(named.hasModelField()).isTrue();
    assertThat(named.message()).isEqualTo(
        ModelReadyRequest.newBuilder().setName("digits").setVersion("3").build());
  }

  @Test
  void withModel_nameAlreadySet_kept() {
    ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("other").build();

    assertThat(JsonRequests.withModel(request, "digits", "").message()).isEqualTo(request);
  }

  @Test
  void withModel_noNameField_reported() {
    assertThat(JsonRequests.withModel(ServerLiveRequest.getDefaultInstance(), "m", "")
        .hasModelField()).isFalse();
  }
}
