package dev.convoy.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.convoy.proto.inference.InferParameter;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelReadyRequest;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class RouteKeyTest {
  @Test
  void parse_inferRequestWithTensors_readsNameAndVersion() throws Exception {
    ModelInferRequest request = ModelInferRequest.newBuilder()
        .setModelName("digits_mlp").setModelVersion("3").setId("req-1")
        .putParameters("priority", InferParameter.newBuilder().setInt64Param(2).build())
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
            .addShape(1).addShape(64))
        .addRawInputContents(ByteString.copyFrom(new byte[256]))
        .build();

    assertThat(RouteKey.parse(request.toByteArray())).isEqualTo(new RouteKey("digits_mlp", "3"));
  }

  @Test
  void parse_fieldsAfterTheTensors_stillFound() throws Exception {
    // Tensors first, then the name: any field order is valid protobuf.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelInferRequest.newBuilder().addRawInputContents(ByteString.copyFrom(new byte[1 << 16])).build()
        .writeTo(bytes);
    ModelInferRequest.newBuilder().setModelName("late").build().writeTo(bytes);

    assertThat(RouteKey.parse(bytes.toByteArray())).isEqualTo(new RouteKey("late", ""));
  }

  @Test
  void parse_repeatedField_lastOneWins() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelInferRequest.newBuilder().setModelName("first").setModelVersion("1").build().writeTo(bytes);
    ModelInferRequest.newBuilder().setModelName("second").build().writeTo(bytes);

    assertThat(RouteKey.parse(bytes.toByteArray())).isEqualTo(new RouteKey("second", "1"));
    assertThat(ModelInferRequest.parseFrom(bytes.toByteArray()).getModelName()).isEqualTo("second");
  }

  @Test
  void parse_otherModelRequests_sameFields() throws Exception {
    assertThat(RouteKey.parse(ModelReadyRequest.newBuilder().setName("a").setVersion("2").build().toByteArray()))
        .isEqualTo(new RouteKey("a", "2"));
    assertThat(RouteKey.parse(ModelMetadataRequest.newBuilder().setName("b").build().toByteArray()))
        .isEqualTo(new RouteKey("b", ""));
    assertThat(RouteKey.parse(ModelConfigRequest.newBuilder().setName("c").setVersion("1").build().toByteArray()))
        .isEqualTo(new RouteKey("c", "1"));
  }

  @Test
  void parse_empty_isEmptyKey() throws Exception {
    assertThat(RouteKey.parse(new byte[0])).isEqualTo(new RouteKey("", ""));
  }

  @Test
  void parse_truncatedMessage_throws() {
    byte[] whole = ModelInferRequest.newBuilder().setModelName("digits_mlp")
        .addRawInputContents(ByteString.copyFrom(new byte[100])).build().toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 10);

    assertThatThrownBy(() -> RouteKey.parse(truncated)).isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void parse_garbage_throws() {
    assertThatThrownBy(() -> RouteKey.parse(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void describe_namesModelAndVersion() {
    assertThat(new RouteKey("m", "").describe()).isEqualTo("model 'm'");
    assertThat(new RouteKey("m", "2").describe()).isEqualTo("model 'm' version '2'");
  }
}
