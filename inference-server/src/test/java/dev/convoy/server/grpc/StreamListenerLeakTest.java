package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ModelRepository;
import dev.convoy.server.repository.Timekeeping;
import io.grpc.Context;
import io.grpc.ContextListeners;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long stream must not collect state per answered request on its call's context. */
class StreamListenerLeakTest {
  private static final int REQUESTS = 200;

  @TempDir Path repository;

  @Test
  void modelStreamInfer_manyAnsweredRequests_contextListenersDoNotGrow() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ModelManager models = new ModelManager(new ModelRepository(repository), new OnnxRuntimeBackend(System::nanoTime),
        new Timekeeping(System::nanoTime, Clock.systemUTC(), scheduler), (model, state) -> { });
    models.loadAll();
    AtomicReference<Context> callContext = new AtomicReference<>();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new InferenceService(models, () -> true, "test", System::nanoTime),
            capture(callContext)))
        .build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      BlockingQueue<ModelStreamInferResponse> answers = new ArrayBlockingQueue<>(REQUESTS);
      StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(channel)
          .modelStreamInfer(collect(answers));
      ModelInferRequest request = Requests.digitsMlp(1).build();
      for (int i = 0; i < REQUESTS; i++) {
        requests.onNext(request);
        assertThat(answers.poll(30, TimeUnit.SECONDS)).isNotNull();
      }

      assertThat(ContextListeners.count(callContext.get())).isLessThan(10);
      requests.onCompleted();
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
      models.close();
      scheduler.shutdownNow();
    }
  }

  private static ServerInterceptor capture(AtomicReference<Context> context) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        context.set(Context.current());
        return next.startCall(call, headers);
      }
    };
  }

  private static StreamObserver<ModelStreamInferResponse> collect(BlockingQueue<ModelStreamInferResponse> answers) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ModelStreamInferResponse value) {
        answers.add(value);
      }

      @Override
      public void onError(Throwable t) { }

      @Override
      public void onCompleted() { }
    };
  }
}
