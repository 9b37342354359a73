package dev.convoy.loadtest.grpc;

import com.google.protobuf.Message;
import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.engine.LoadCall;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * A blocking unary call per {@link #invoke}: worker {@code w} uses channel
 * {@code w % channels}, call {@code i} sends {@code requests.apply(i)} with the headers and a
 * per-call deadline.
 */
public final class GrpcLoadCall implements LoadCall {

  /** What grpc-go (and so ghz) reports when the client's own deadline passes. */
  static final String CLIENT_DEADLINE_DESCRIPTION = "context deadline exceeded";

  private final List<Channel> channels;
  private final MethodDescriptor<Message, Message> method;
  private final LongFunction<? extends Message> requests;
  private final long timeoutNanos;

  /**
   * @param channels channels to spread workers over (at least one)
   * @param method a unary method
   * @param requests the request of each call index; called from every worker
   * @param timeout per-call deadline; zero for none
   * @param headers metadata sent with every call
   */
  public GrpcLoadCall(
      List<? extends Channel> channels,
      MethodDescriptor<Message, Message> method,
      LongFunction<? extends Message> requests,
      Duration timeout,
      Metadata headers) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("need at least one channel");
    }
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      throw new IllegalArgumentException(method.getFullMethodName() + " is not unary");
    }
    this.method = method;
    this.requests = Objects.requireNonNull(requests, "requests");
    this.timeoutNanos = timeout.toNanos();
    this.channels =
        channels.stream()
            .map(c -> ClientInterceptors.intercept(
                c, MetadataUtils.newAttachHeadersInterceptor(headers)))
            .toList();
  }

  @Override
  public CallOutcome invoke(int worker, long index) {
    Message request = requests.apply(index);
    Channel channel = channels.get(Math.floorMod(worker, channels.size()));
    CallOptions options = CallOptions.DEFAULT;
    Deadline deadline = null;
    if (timeoutNanos > 0) {
      deadline = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
      options = options.withDeadline(deadline);
    }
    try {
      ClientCalls.blockingUnaryCall(channel, method, options, request);
      return CallOutcome.ok();
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      // grpc-java puts the elapsed time into its own deadline message; one fixed text keeps
      // the error distribution to one line, as ghz shows it.
      if (status.getCode() == Status.Code.DEADLINE_EXCEEDED
          && deadline != null
          && deadline.isExpired()) {
        return GrpcOutcomes.errorOf(Status.Code.DEADLINE_EXCEEDED, CLIENT_DEADLINE_DESCRIPTION);
      }
      return GrpcOutcomes.of(status);
    }
  }
}
