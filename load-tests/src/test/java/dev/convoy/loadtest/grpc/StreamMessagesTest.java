package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.loadtest.grpc.StreamMessages.Answer;
import dev.convoy.loadtest.grpc.StreamMessages.Request;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class StreamMessagesTest {

  private static final ModelInferRequest REQUEST = ModelInferRequest.newBuilder()
      .setModelName("m").setId("replaced").addRawInputContents(ByteString.copyFrom(new byte[8192]))
      .build();
  private static final String LONG_ID = "x".repeat(300); // a two-byte length

  @Test
  void request_drained_parsesAsTheRequestWithItsId() throws Exception {
    InputStream stream = StreamMessages.requests().stream(new Request(REQUEST.toByteArray(), LONG_ID));
    int length = ((KnownLength) stream).available();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int drained = ((Drainable) stream).drainTo(out);

    assertThat(drained).isEqualTo(length).isEqualTo(out.size());
    assertThat(stream.available()).isZero();
    assertThat(ModelInferRequest.parseFrom(out.toByteArray()))
        .isEqualTo(REQUEST.toBuilder().setId(LONG_ID).build());
  }

  @Test
  void request_readInSmallPieces_parsesAsTheRequestWithItsId() throws Exception {
    InputStream stream = StreamMessages.requests().stream(new Request(REQUEST.toByteArray(), "7"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] piece = new byte[1000];
    for (int n = stream.read(piece, 0, piece.length); n > 0; n = stream.read(piece, 0, piece.length)) {
      out.write(piece, 0, n);
    }

    assertThat(stream.read()).isEqualTo(-1);
    assertThat(ModelInferRequest.parseFrom(out.toByteArray()).getId()).isEqualTo("7");
  }

  @Test
  void answer_readsIdAndErrorMessageOnly() {
    ModelStreamInferResponse response = ModelStreamInferResponse.newBuilder()
        .setErrorMessage("INVALID_ARGUMENT: bad")
        .setInferResponse(ModelInferResponse.newBuilder().setModelName("m").setId(LONG_ID)
            .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("y"))
            .addRawOutputContents(ByteString.copyFrom(new byte[2560])))
        .build();

    Answer answer = StreamMessages.answers().parse(response.toByteString().newInput());

    assertThat(answer).isEqualTo(new Answer(LONG_ID, "INVALID_ARGUMENT: bad"));
  }

  @Test
  void answer_withoutResponse_hasNoId() {
    Answer answer = StreamMessages.answers().parse(ModelStreamInferResponse.getDefaultInstance()
        .toByteString().newInput());

    assertThat(answer).isEqualTo(new Answer("", ""));
  }
}
