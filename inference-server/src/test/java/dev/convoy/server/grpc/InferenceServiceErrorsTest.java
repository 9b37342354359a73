package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelMetadataRequest;
import dev.convoy.proto.inference.ModelReadyRequest;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.repository.ModelControl;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error the protocol promises, with its status code and the words that name the culprit. */
class InferenceServiceErrorsTest {
  @TempDir static Path repository;
  private static InProcessInference inference;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp", "typed_identity");
    inference = new InProcessInference(repository, new OnnxRuntimeBackend(System::nanoTime), ModelControl.explicit());
  }

  @AfterAll
  static void stop() {
    inference.close();
  }

  @Test
  void modelInfer_unknownModel_notFound() {
    assertStatus(() -> infer(Requests.digitsMlp(1).setModelName("nope")), Status.Code.NOT_FOUND, "'nope'");
  }

  @Test
  void modelInfer_unknownVersion_notFound() {
    assertStatus(() -> infer(Requests.digitsMlp(1).setModelVersion("7")), Status.Code.NOT_FOUND, "version 7");
  }

  @Test
  void modelInfer_nonNumericVersion_invalidArgument() {
    assertStatus(() -> infer(Requests.digitsMlp(1).setModelVersion("latest")), Status.Code.INVALID_ARGUMENT,
        "'latest'");
  }

  @Test
  void modelInfer_wrongDatatype_namesInputAndExpectedType() {
    ModelInferRequest.Builder request = Requests.digitsMlp(1);
    request.getInputsBuilder(0).setDatatype("FP64");
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "input 'input'", "expected datatype FP32", "FP64");
  }

  @Test
  void modelInfer_unknownDatatype_namesIt() {
    ModelInferRequest.Builder request = Requests.digitsMlp(1);
    request.getInputsBuilder(0).setDatatype("FLOAT");
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "input 'input'", "unknown datatype 'FLOAT'");
  }

  @Test
  void modelInfer_wrongShape_namesInputAndExpectedShape() {
    assertStatus(() -> infer(Requests.fp32("digits_mlp", "input", new float[63], 1, 63)),
        Status.Code.INVALID_ARGUMENT, "input 'input'", "expected shape [-1, 64]", "[1, 63]");
  }

  @Test
  void modelInfer_batchAboveMax_namesLimit() {
    assertStatus(() -> infer(Requests.digitsMlp(129)), Status.Code.INVALID_ARGUMENT, "batch size 129", "max_batch_size");
  }

  @Test
  void modelInfer_byteSizeMismatch_namesExpectedBytes() {
    ModelInferRequest.Builder request = Requests.digitsMlp(1).setRawInputContents(0, ByteString.copyFrom(new byte[255]));
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "input 'input'", "expected 256 bytes", "got 255");
  }

  @Test
  void modelInfer_missingInput_namesIt() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "missing input 'input'", "FP32 [-1, 64]");
  }

  @Test
  void modelInfer_unexpectedInput_namesIt() {
    ModelInferRequest.Builder request = Requests.digitsMlp(1);
    request.getInputsBuilder(0).setName("pixels");
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "unexpected input 'pixels'", "[input]");
  }

  @Test
  void modelInfer_unknownRequestedOutput_namesIt() {
    ModelInferRequest.Builder request = Requests.digitsMlp(1);
    request.addOutputsBuilder().setName("embedding");
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "unknown output 'embedding'", "logits");
  }

  @Test
  void modelInfer_rawCountMismatch_invalidArgument() {
    ModelInferRequest.Builder request = Requests.digitsMlp(1).addRawInputContents(ByteString.EMPTY);
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "raw_input_contents has 2 entries for 1 inputs");
  }

  @Test
  void modelInfer_malformedBytesTensor_namesInput() {
    ModelInferRequest.Builder request = TypedIdentity.rawRequest();
    int bytesInput = request.getInputsList().indexOf(request.getInputsList().stream()
        .filter(i -> i.getName().equals("in_bytes")).findFirst().orElseThrow());
    request.setRawInputContents(bytesInput, ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'x', 0, 0, 0, 0, 0, 0, 0}));
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "input 'in_bytes'", "malformed BYTES");
  }

  @Test
  void modelInfer_unloadedModel_unavailable() {
    inference.blocking.repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("typed_identity").build());
    try {
      ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
      assertStatus(() -> infer(request), Status.Code.UNAVAILABLE, "'typed_identity'", "not ready");
      assertThat(inference.blocking.modelReady(ModelReadyRequest.newBuilder().setName("typed_identity").build())
          .getReady()).isFalse();
    } finally {
      inference.blocking.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("typed_identity").build());
    }
  }

  @Test
  void modelMetadata_unknownModel_notFound() {
    assertStatus(() -> inference.blocking.modelMetadata(ModelMetadataRequest.newBuilder().setName("ghost").build()),
        Status.Code.NOT_FOUND, "'ghost'");
  }

  @Test
  void repositoryModelLoad_unknownModel_notFound() {
    assertStatus(() -> inference.blocking.repositoryModelLoad(
        RepositoryModelLoadRequest.newBuilder().setModelName("ghost").build()), Status.Code.NOT_FOUND, "'ghost'");
  }

  @Test
  void repositoryModelLoad_unknownRepository_notFound() {
    assertStatus(() -> inference.blocking.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder()
        .setRepositoryName("elsewhere").setModelName("digits_mlp").build()), Status.Code.NOT_FOUND, "'elsewhere'");
  }

  private static void infer(ModelInferRequest.Builder request) {
    inference.blocking.modelInfer(request.build());
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String... words) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(words);
    });
  }
}
