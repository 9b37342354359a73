package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.CudaSharedMemoryStatusRequest;
import dev.convoy.proto.inference.InferParameter;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.SystemSharedMemoryRegisterRequest;
import dev.convoy.proto.inference.SystemSharedMemoryStatusRequest;
import dev.convoy.proto.inference.SystemSharedMemoryUnregisterRequest;
import dev.convoy.server.SampleModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Triton's system shared memory over real Netty: a same-host client's POSIX shared-memory
 * object (/dev/shm) holds the input and receives the output; bad regions answer a clear status.
 */
class SharedMemoryTest {
  private static final int INPUT_BYTES = 64 * Float.BYTES;
  private static final int OUTPUT_BYTES = 10 * Float.BYTES;
  @TempDir static Path repository;
  private static LoopbackServer server;
  private static Path object;
  private static String key;

  @BeforeAll
  static void start() throws IOException {
    SampleModels.copy(repository, "digits_mlp");
    server = new LoopbackServer(repository);
    key = "/convoy-test-" + UUID.randomUUID();
    object = Path.of("/dev/shm").resolve(key.substring(1));
    Files.write(object, new byte[INPUT_BYTES + OUTPUT_BYTES]);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    Files.deleteIfExists(object);
  }

  @Test
  void modelInfer_inputAndOutputInSharedMemory_sameAnswerAsInTheMessage() throws IOException {
    ByteBuffer pixels = ByteBuffer.allocate(INPUT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 64; i++) {
      pixels.putFloat(i % 17);
    }
    try (FileChannel channel = FileChannel.open(object, StandardOpenOption.WRITE)) {
      channel.write(pixels.duplicate().flip(), 0);
    }
    server.stub().systemSharedMemoryRegister(SystemSharedMemoryRegisterRequest.newBuilder()
        .setName("in").setKey(key).setByteSize(INPUT_BYTES).build());
    server.stub().systemSharedMemoryRegister(SystemSharedMemoryRegisterRequest.newBuilder()
        .setName("out").setKey(key).setOffset(INPUT_BYTES).setByteSize(OUTPUT_BYTES).build());
    try {
      ModelInferRequest.Builder inMessage = ModelInferRequest.newBuilder().setModelName("digits_mlp");
      inMessage.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
      inMessage.addRawInputContents(ByteString.copyFrom(pixels.duplicate().flip()));
      inMessage.addOutputsBuilder().setName("probabilities");
      ModelInferResponse expected = server.stub().modelInfer(inMessage.build());

      ModelInferRequest.Builder shared = ModelInferRequest.newBuilder().setModelName("digits_mlp");
      shared.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64)
          .putParameters("shared_memory_region", string("in"))
          .putParameters("shared_memory_byte_size", integer(INPUT_BYTES));
      shared.addOutputsBuilder().setName("probabilities")
          .putParameters("shared_memory_region", string("out"))
          .putParameters("shared_memory_byte_size", integer(OUTPUT_BYTES));
      ModelInferResponse answer = server.stub().modelInfer(shared.build());

      assertThat(answer.getRawOutputContentsCount()).isZero();
      assertThat(answer.getOutputs(0).getShapeList()).containsExactly(1L, 10L);
      byte[] written = new byte[OUTPUT_BYTES];
      try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ)) {
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, INPUT_BYTES, OUTPUT_BYTES);
        mapped.get(written);
      }
      assertThat(ByteString.copyFrom(written)).isEqualTo(expected.getRawOutputContents(0));
      assertThat(server.stub().systemSharedMemoryStatus(SystemSharedMemoryStatusRequest.getDefaultInstance())
          .getRegionsMap()).containsOnlyKeys("in", "out");
    } finally {
      server.stub().systemSharedMemoryUnregister(SystemSharedMemoryUnregisterRequest.getDefaultInstance());
    }
    assertThat(server.stub().systemSharedMemoryStatus(SystemSharedMemoryStatusRequest.getDefaultInstance())
        .getRegionsCount()).isZero();
  }

  @Test
  void register_badRegions_clearStatusNamingTheField() {
    assertStatus(() -> register("past", key, INPUT_BYTES, INPUT_BYTES + OUTPUT_BYTES),
        Status.Code.INVALID_ARGUMENT, "byte_size");
    assertStatus(() -> register("escape", "/../etc/passwd", 0, 4), Status.Code.INVALID_ARGUMENT, "key");
    assertStatus(() -> register("missing", "/convoy-none-" + UUID.randomUUID(), 0, 4), Status.Code.NOT_FOUND, "key");
    assertStatus(() -> server.stub().systemSharedMemoryStatus(
        SystemSharedMemoryStatusRequest.newBuilder().setName("ghost").build()), Status.Code.NOT_FOUND, "ghost");
    assertStatus(() -> server.stub().cudaSharedMemoryStatus(CudaSharedMemoryStatusRequest.getDefaultInstance()),
        Status.Code.UNIMPLEMENTED, "CUDA shared memory");
  }

  @Test
  void modelInfer_windowPastTheRegion_invalidArgumentNamingTheInput() {
    register("small", key, 0, 16);
    try {
      ModelInferRequest.Builder shared = ModelInferRequest.newBuilder().setModelName("digits_mlp");
      shared.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64)
          .putParameters("shared_memory_region", string("small"))
          .putParameters("shared_memory_byte_size", integer(INPUT_BYTES));
      assertStatus(() -> server.stub().modelInfer(shared.build()), Status.Code.INVALID_ARGUMENT,
          "input 'input'", "shared_memory_byte_size");
    } finally {
      server.stub().systemSharedMemoryUnregister(SystemSharedMemoryUnregisterRequest.newBuilder().setName("small").build());
    }
  }

  private static Object register(String name, String key, long offset, long byteSize) {
    return server.stub().systemSharedMemoryRegister(SystemSharedMemoryRegisterRequest.newBuilder()
        .setName(name).setKey(key).setOffset(offset).setByteSize(byteSize).build());
  }

  private static InferParameter string(String value) {
    return InferParameter.newBuilder().setStringParam(value).build();
  }

  private static InferParameter integer(long value) {
    return InferParameter.newBuilder().setInt64Param(value).build();
  }

  private static void assertStatus(Executable call, Status.Code code, String... parts) {
    assertThatThrownBy(call::execute).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(parts);
    });
  }
}
