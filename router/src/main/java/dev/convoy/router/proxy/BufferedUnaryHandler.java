package dev.convoy.router.proxy;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

/**
 * A unary method whose single request is buffered as bytes and then handed to
 * {@link #handle}; the returned {@link Runnable} is run if the client cancels (or its deadline
 * passes) before the call is closed.
 */
abstract class BufferedUnaryHandler implements ServerCallHandler<byte[], byte[]> {
  private final String methodName;

  BufferedUnaryHandler(String methodName) {
    this.methodName = methodName;
  }

  String methodName() {
    return methodName;
  }

  /**
   * @param deadline the client's deadline, or null
   * @return what to do on cancellation
   */
  abstract Runnable handle(ServerCall<byte[], byte[]> call, Metadata headers, byte[] request, Deadline deadline);

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
    Deadline deadline = Context.current().getDeadline();
    call.request(2);
    return new ServerCall.Listener<>() {
      private byte[] request;
      private boolean rejected;
      private Runnable onCancel;

      @Override
      public void onMessage(byte[] message) {
        if (rejected) {
          return;
        }
        if (request != null) {
          rejected = true;
          call.close(RoutingErrors.tooManyRequests(methodName), new Metadata());
          return;
        }
        request = message;
      }

      @Override
      public void onHalfClose() {
        if (rejected) {
          return;
        }
        if (request == null) {
          rejected = true;
          call.close(RoutingErrors.noRequest(methodName), new Metadata());
          return;
        }
        onCancel = handle(call, headers, request, deadline);
      }

      @Override
      public void onCancel() {
        if (onCancel != null) {
          onCancel.run();
        }
      }
    };
  }

  /** Closes {@code call} with {@code status} and returns a no-op cancellation action. */
  static Runnable reject(ServerCall<byte[], byte[]> call, Status status) {
    call.close(status, new Metadata());
    return () -> { };
  }
}
