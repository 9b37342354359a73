package dev.convoy.loadtest.grpc;

import com.google.protobuf.MessageLite;
import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.CallOutcome;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An asynchronous unary call per {@link #start}: slot {@code s} uses channel
 * {@code s % channels}, call {@code i} sends what the {@link RequestSource} gives it, with a
 * per-call deadline and the run's call options (compression, message size limit). Fixed
 * requests are serialised once; responses are not parsed ({@link RawMarshallers}).
 * Completions run on the channel's executor (the transport's
 * thread with {@link ChannelPool}), which also issues the next call.
 */
public final class GrpcLoadCall implements AsyncLoadCall {

  /** What grpc-go (and so ghz) reports when the client's own deadline passes. */
  public static final String CLIENT_DEADLINE_DESCRIPTION = "context deadline exceeded";

  private final List<Channel> channels;
  private final MethodDescriptor<byte[], Long> method;
  private final RequestSource requests;
  private final long timeoutNanos;
  private final CallOptions callOptions;

  /**
   * @param channels channels to spread slots over (at least one)
   * @param method a unary method
   * @param requests the requests, sent round-robin by call index (at least one)
   * @param timeout per-call deadline; zero for none
   * @param headers metadata sent with every call
   */
  public GrpcLoadCall(
      List<? extends Channel> channels,
      MethodDescriptor<?, ?> method,
      List<? extends MessageLite> requests,
      Duration timeout,
      Metadata headers) {
    this(channels, method, RequestSource.fixed(requests, headers), timeout, CallOptions.DEFAULT);
  }

  /**
   * @param requests what each call sends
   * @param callOptions options every call starts from (the deadline is added per call)
   */
  public GrpcLoadCall(List<? extends Channel> channels, MethodDescriptor<?, ?> method,
      RequestSource requests, Duration timeout, CallOptions callOptions) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("need at least one channel");
    }
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      throw new IllegalArgumentException(method.getFullMethodName() + " is not unary");
    }
    this.channels = List.copyOf(channels);
    this.method = RawMarshallers.raw(method);
    this.requests = requests;
    this.timeoutNanos = timeout.toNanos();
    this.callOptions = callOptions;
  }

  @Override
  public void start(int slot, long index, Consumer<CallOutcome> done) {
    Channel channel = channels.get(Math.floorMod(slot, channels.size()));
    CallOptions options = callOptions;
    Deadline deadline = null;
    if (timeoutNanos > 0) {
      deadline = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
      options = options.withDeadline(deadline);
    }
    byte[] body = requests.body(slot, index);
    ClientCall<byte[], Long> call = channel.newCall(method, options);
    call.start(new Outcome(deadline, done), requests.headers(slot, index));
    call.request(1);
    call.sendMessage(body);
    call.halfClose();
  }

  /** Turns the call's close into an outcome. */
  private static final class Outcome extends ClientCall.Listener<Long> {
    private final Deadline deadline;
    private final Consumer<CallOutcome> done;

    Outcome(Deadline deadline, Consumer<CallOutcome> done) {
      this.deadline = deadline;
      this.done = done;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      done.accept(outcomeOf(status, deadline));
    }
  }

  static CallOutcome outcomeOf(Status status, Deadline deadline) {
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
