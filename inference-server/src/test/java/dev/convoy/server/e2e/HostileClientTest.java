package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a careless or hostile client gets over real Netty: a precise status, never UNKNOWN or INTERNAL. */
class HostileClientTest {
  /** The inference method with the request as raw bytes, so anything can be sent. */
  private static final MethodDescriptor<byte[], ModelInferResponse> RAW_INFER =
      GRPCInferenceServiceGrpc.getModelInferMethod().toBuilder(BytesMarshaller.INSTANCE,
          GRPCInferenceServiceGrpc.getModelInferMethod().getResponseMarshaller()).build();
  /** A budget that one request of a million BYTES elements exceeds, and ordinary ones fit. */
  private static final long BUDGET = 8 << 20;

  @TempDir static Path repository;
  private static LoopbackServer loopback;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp", "typed_identity");
    loopback = new LoopbackServer(ServerOptions.loopback(repository).withMaxInflightBytes(BUDGET),
        new OnnxRuntimeBackend(System::nanoTime));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    loopback.close();
  }

  @Test
  void modelInfer_randomBytes_invalidArgument() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01, 0x02};
    assertStatus(() -> rawInfer(garbage), Status.Code.INVALID_ARGUMENT, "ModelInfer", "not a valid ModelInferRequest");
  }

  @Test
  void modelInfer_truncatedMessage_invalidArgument() {
    byte[] whole = ZeroDigits.request().toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 7);
    assertStatus(() -> rawInfer(truncated), Status.Code.INVALID_ARGUMENT, "not a valid ModelInferRequest");
  }

  @Test
  void modelInfer_deeplyNestedGroups_invalidArgument() {
    byte[] nested = new byte[2 * 500];
    for (int i = 0; i < 500; i++) {
      nested[i] = (byte) ((15 << 3) | 3); // start group 15
    }
    for (int i = 500; i < 1000; i++) {
      nested[i] = (byte) ((15 << 3) | 4); // end group 15
    }
    assertStatus(() -> rawInfer(nested), Status.Code.INVALID_ARGUMENT, "not a valid ModelInferRequest");
  }

  @Test
  void modelInfer_nonUtf8ModelName_invalidArgument() {
    byte[] name = {(byte) 0xc3, (byte) 0x28};
    byte[] message = ByteBuffer.allocate(2 + name.length).put((byte) 0x0a).put((byte) name.length).put(name).array();
    assertStatus(() -> rawInfer(message), Status.Code.INVALID_ARGUMENT, "UTF-8");
  }

  @Test
  void modelInfer_noMessage_invalidArgument() {
    assertStatus(() -> unary(List.of()), Status.Code.INVALID_ARGUMENT, "without a request message");
  }

  @Test
  void modelInfer_twoMessages_invalidArgument() {
    byte[] one = ZeroDigits.request().toByteArray();
    assertStatus(() -> unary(List.of(one, one)), Status.Code.INVALID_ARGUMENT, "more than one request message");
  }

  @Test
  void modelInfer_shapeTimesElementSizeOverflows_invalidArgument() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
    request.addInputsBuilder().setName("in_fp32").setDatatype("FP32").addShape((1L << 62) + 1);
    request.addRawInputContents(ByteString.copyFrom(new byte[4]));
    assertStatus(() -> infer(withOtherTypedInputs(request, "in_fp32")), Status.Code.INVALID_ARGUMENT,
        "input 'in_fp32'", "too large");
  }

  @Test
  void modelInfer_hugeDims_invalidArgument() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(Long.MAX_VALUE);
    request.addRawInputContents(ByteString.copyFrom(new byte[64]));
    assertStatus(() -> infer(request), Status.Code.INVALID_ARGUMENT, "input 'input'");
  }

  @Test
  void modelInfer_longModelName_descriptionBounded() {
    String name = "m".repeat(20_000);
    StatusRuntimeException e = failure(() -> infer(ZeroDigits.request().toBuilder().setModelName(name)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).hasSizeLessThanOrEqualTo(256).startsWith("unknown model 'mmm");
  }

  @Test
  void modelInfer_nonUtf8BytesElement_invalidArgumentNamingIt() {
    byte[] invalid = {(byte) 0xff, (byte) 0xfe, 0x00};
    assertStatus(() -> infer(bytesRequest(List.of("ok".getBytes(StandardCharsets.UTF_8), invalid))),
        Status.Code.INVALID_ARGUMENT, "input 'in_bytes'", "element 1", "UTF-8");
  }

  @Test
  void modelInfer_textBytesWithNulAndAstral_comeBackByteIdentical() {
    List<byte[]> elements = List.of("a\0b".getBytes(StandardCharsets.UTF_8), "\uD83D\uDE00 é".getBytes(StandardCharsets.UTF_8),
        new byte[0]);
    ModelInferResponse response = loopback.stub().modelInfer(bytesRequest(elements).build());

    int out = outputIndex(response, "out_bytes");
    assertThat(response.getRawOutputContents(out).toByteArray()).isEqualTo(raw(elements).array());
  }

  @Test
  void modelInfer_millionEmptyBytesElements_resourceExhaustedAndOthersServed() {
    int count = 1_000_000;
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
    request.addInputsBuilder().setName("in_bytes").setDatatype("BYTES").addShape(count);
    request.addRawInputContents(ByteString.copyFrom(new byte[count * Integer.BYTES]));
    assertStatus(() -> infer(withOtherTypedInputs(request, "in_bytes")), Status.Code.RESOURCE_EXHAUSTED,
        "memory budget");

    assertThat(loopback.stub().modelInfer(ZeroDigits.request()).getOutputsCount()).isEqualTo(2);
  }

  @Test
  void close_idleStreamOpen_endsStreamAndStopsWithoutWaitingOutTheGrace() throws Exception {
    LoopbackServer own = new LoopbackServer(ServerOptions.loopback(repository).withShutdownGrace(
        java.time.Duration.ofSeconds(60)), new OnnxRuntimeBackend(System::nanoTime));
    CompletableFuture<Status> ended = new CompletableFuture<>();
    CompletableFuture<ModelInferResponse> first = new CompletableFuture<>();
    io.grpc.stub.StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(own.channel)
        .modelStreamInfer(new io.grpc.stub.StreamObserver<>() {
          @Override
          public void onNext(dev.convoy.proto.inference.ModelStreamInferResponse value) {
            first.complete(value.getInferResponse());
          }

          @Override
          public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {
            ended.complete(Status.OK);
          }
        });
    requests.onNext(ZeroDigits.request());
    first.get(30, TimeUnit.SECONDS);

    long start = System.nanoTime();
    own.server.close();

    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(Status.OK);
    own.channel.shutdownNow();
  }

  /** typed_identity with the BYTES input holding {@code elements} and one element in every other input. */
  private static ModelInferRequest.Builder bytesRequest(List<byte[]> elements) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
    request.addInputsBuilder().setName("in_bytes").setDatatype("BYTES").addShape(elements.size());
    request.addRawInputContents(ByteString.copyFrom(raw(elements)));
    return withOtherTypedInputs(request, "in_bytes");
  }

  /** Adds every typed_identity input but {@code given}, one zero element each, raw. */
  private static ModelInferRequest.Builder withOtherTypedInputs(ModelInferRequest.Builder request, String given) {
    String[][] inputs = {{"in_bool", "BOOL", "1"}, {"in_int8", "INT8", "1"}, {"in_int16", "INT16", "2"},
        {"in_int32", "INT32", "4"}, {"in_int64", "INT64", "8"}, {"in_uint8", "UINT8", "1"}, {"in_fp32", "FP32", "4"},
        {"in_fp64", "FP64", "8"}, {"in_bytes", "BYTES", "4"}};
    for (String[] input : inputs) {
      if (!input[0].equals(given)) {
        request.addInputsBuilder().setName(input[0]).setDatatype(input[1]).addShape(1);
        request.addRawInputContents(ByteString.copyFrom(new byte[Integer.parseInt(input[2])]));
      }
    }
    return request;
  }

  private static ByteBuffer raw(List<byte[]> elements) {
    int size = elements.stream().mapToInt(e -> 4 + e.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    elements.forEach(e -> out.putInt(e.length).put(e));
    return out.flip();
  }

  private static int outputIndex(ModelInferResponse response, String name) {
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (response.getOutputs(i).getName().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no output " + name);
  }

  private static ModelInferResponse infer(ModelInferRequest.Builder request) {
    return infer(request.build());
  }

  private static ModelInferResponse infer(ModelInferRequest request) {
    return loopback.stub().modelInfer(request);
  }

  private static ModelInferResponse rawInfer(byte[] message) {
    return ClientCalls.blockingUnaryCall(loopback.channel, RAW_INFER,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), message);
  }

  /** A unary call carrying exactly {@code messages}, however many that is. */
  private static ModelInferResponse unary(List<byte[]> messages) {
    ClientCall<byte[], ModelInferResponse> call = loopback.channel.newCall(RAW_INFER,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
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
    throw closed.join().asRuntimeException();
  }

  private static StatusRuntimeException failure(ThrowingCallable call) {
    try {
      call.call();
    } catch (StatusRuntimeException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    throw new AssertionError("the call succeeded");
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String... words) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(words);
    });
  }

  private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
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
