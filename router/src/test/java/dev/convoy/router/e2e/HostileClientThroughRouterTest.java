package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.router.backend.BackendState;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed calls through the router: the right status, bounded descriptions, and no ejection for them. */
class HostileClientThroughRouterTest {
  private static final MethodDescriptor<byte[], byte[]> RAW_INFER = GRPCInferenceServiceGrpc.getModelInferMethod()
      .toBuilder(Raw.INSTANCE, Raw.INSTANCE).build();
  private static RecordingBackend backend;
  private static RouterUnderTest router;

  @BeforeAll
  static void start() {
    backend = new RecordingBackend("recorder", "digits_mlp");
    router = new RouterUnderTest("backend = " + backend.address() + "\n");
    router.refresh();
  }

  @AfterAll
  static void stop() throws Exception {
    router.close();
    backend.close();
  }

  @Test
  void modelInfer_noMessage_invalidArgument() {
    assertThat(unary(List.of()).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void modelInfer_twoMessages_invalidArgument() {
    byte[] one = Requests.digitsMlp().toByteArray();
    assertThat(unary(List.of(one, one)).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void modelInfer_longModelName_descriptionBounded() {
    StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> router.stub().modelInfer(Requests.digitsMlp().toBuilder().setModelName("m".repeat(20_000)).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).hasSizeLessThanOrEqualTo(256).contains("model 'mmm");
  }

  @Test
  void modelInfer_backendAnswersUnknownForBadPayloads_backendStaysInRotation() {
    backend.fail(Status.UNKNOWN.withDescription("bad payload"));
    try {
      for (int i = 0; i < 12; i++) {
        org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () -> router.stub()
            .modelInfer(Requests.digitsMlp().toBuilder().addRawInputContents(ByteString.copyFromUtf8("junk")).build()));
      }
    } finally {
      backend.answer();
    }

    assertThat(router.backend(backend.address()).state()).isEqualTo(BackendState.HEALTHY);
  }

  private static Status unary(List<byte[]> messages) {
    ClientCall<byte[], byte[]> call = router.channel.newCall(RAW_INFER,
        CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.complete(status);
      }
    }, new Metadata());
    call.request(1);
    messages.forEach(call::sendMessage);
    call.halfClose();
    return closed.join();
  }

  private enum Raw implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
