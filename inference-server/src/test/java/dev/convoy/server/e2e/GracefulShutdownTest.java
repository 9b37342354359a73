package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown lets a request that is already executing finish and answer. */
class GracefulShutdownTest {
  @TempDir Path repository;

  @Test
  void close_requestInFlight_finishesBeforeStop() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    HeldBackend backend = new HeldBackend();
    LoopbackServer loopback = new LoopbackServer(repository, backend);
    backend.holding = true;
    ListenableFuture<ModelInferResponse> inFlight = GRPCInferenceServiceGrpc.newFutureStub(loopback.channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(request());
    assertThat(backend.entered.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> loopback.server.close());
    assertThat(closing).isNotDone();
    backend.release.countDown();

    assertThat(inFlight.get(30, TimeUnit.SECONDS).getOutputsCount()).isEqualTo(2);
    closing.get(30, TimeUnit.SECONDS);
    loopback.channel.shutdownNow();
  }

  private static ModelInferRequest request() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
    return request.addRawInputContents(ByteString.copyFrom(new byte[64 * Float.BYTES])).build();
  }

  /** ONNX Runtime instances whose runs, once holding (after warm-up), wait for the test's signal. */
  private static final class HeldBackend implements ModelBackend {
    volatile boolean holding;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final OnnxRuntimeBackend onnx = new OnnxRuntimeBackend(System::nanoTime);

    @Override
    public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
      ModelInstance real = onnx.load(spec, versionDir, group, gpu);
      return new ModelInstance() {
        @Override
        public Execution run(List<Tensor> inputs, List<String> outputs) {
          if (!holding) {
            return real.run(inputs, outputs);
          }
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return real.run(inputs, outputs);
        }

        @Override
        public String device() {
          return real.device();
        }

        @Override
        public void close() {
          real.close();
        }
      };
    }
  }
}
