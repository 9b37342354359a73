package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU-first: the GPU backend takes everything until it is saturated, then traffic spills to
 * CPU, and comes back to GPU once it has room. The GPU here is a recording backend that holds
 * its calls, so saturation is exact; the CPU is a real server.
 */
class GpuFirstSpillTest {
  @Test
  void modelInfer_gpuSaturated_spillsToCpuAndReturnsWhenGpuFrees(@TempDir Path dir) throws Exception {
    try (RecordingBackend gpu = new RecordingBackend("gpu", "digits_mlp");
        Servers.Loopback cpu = new Servers.Loopback(Servers.repository(dir.resolve("cpu"), "digits_mlp"));
        RouterUnderTest router = new RouterUnderTest("policy = gpu-first\ngpu-first.saturation = 1.0\n"
            + "backend = " + gpu.address() + ",kind=GPU,weight=2\n"
            + "backend = " + cpu.address() + ",kind=CPU,weight=1\n")) {
      gpu.hold();
      CompletableFuture<ModelInferResponse> first = send(router);
      gpu.nextReceived();
      CompletableFuture<ModelInferResponse> second = send(router);
      gpu.nextReceived();
      assertThat(cpu.served("digits_mlp")).isZero();

      // Two outstanding on a weight-2 GPU: saturated. Everything now goes to the idle CPU.
      for (int i = 0; i < 5; i++) {
        router.stub().modelInfer(Requests.digitsMlp());
      }
      assertThat(cpu.served("digits_mlp")).isEqualTo(5);
      assertThat(gpu.inferCalls()).isEqualTo(2);

      gpu.releaseHeld();
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
      gpu.answer();
      for (int i = 0; i < 5; i++) {
        assertThat(router.stub().modelInfer(Requests.digitsMlp()).getModelVersion()).isEqualTo("1");
      }

      assertThat(gpu.inferCalls()).isEqualTo(7);
      assertThat(cpu.served("digits_mlp")).isEqualTo(5);
      assertThat(router.listBackends().getPolicy()).isEqualTo("gpu-first");
    }
  }

  private static CompletableFuture<ModelInferResponse> send(RouterUnderTest router) {
    CompletableFuture<ModelInferResponse> answer = new CompletableFuture<>();
    router.asyncStub().withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(Requests.digitsMlp(), new StreamObserver<>() {
      @Override
      public void onNext(ModelInferResponse value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() { }
    });
    return answer;
  }
}
