package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Which calls leave the network thread. */
class CallExecutorsTest {
  private final Executor handlers = Runnable::run;
  private final CallExecutors executors = new CallExecutors(handlers);

  @Test
  void getExecutor_inferenceCalls_stayOnTheNetworkThread() {
    assertThat(executorFor(GRPCInferenceServiceGrpc.getModelInferMethod())).isNull();
    assertThat(executorFor(GRPCInferenceServiceGrpc.getModelStreamInferMethod())).isNull();
  }

  @Test
  void getExecutor_callsThatMayBlock_runOnTheHandlerPool() {
    assertThat(executorFor(GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod())).isSameAs(handlers);
    assertThat(executorFor(GRPCInferenceServiceGrpc.getModelMetadataMethod())).isSameAs(handlers);
  }

  private <Q, R> Executor executorFor(MethodDescriptor<Q, R> method) {
    return executors.getExecutor(new ServerCall<Q, R>() {
      @Override
      public MethodDescriptor<Q, R> getMethodDescriptor() {
        return method;
      }

      @Override
      public void request(int messages) {}

      @Override
      public void sendHeaders(Metadata headers) {}

      @Override
      public void sendMessage(R message) {}

      @Override
      public void close(Status status, Metadata trailers) {}

      @Override
      public boolean isCancelled() {
        return false;
      }
    }, new Metadata());
  }
}
