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
 * {@code s % channels}, call {@code i} sends request {@code i % requests} with the headers and
 * a per-call deadline. Each distinct request is serialised once, here; responses are not
 * parsed ({@link RawMarshallers}). Completions run on the channel's executor (the transport's
 * thread with {@link ChannelPool}), which also issues the next call.
 */
public final class GrpcLoadCall implements AsyncLoadCall {

  /** What grpc-go (and so ghz) reports when the client's own deadline passes. */
  public static final String CLIENT_DEADLINE_DESCRIPTION = "context deadline exceeded";

  private final List<Channel> channels;
  private final MethodDescriptor<byte[], Long> method;
  private final byte[][] requests;
  private final long timeoutNanos;
  private final Metadata headers;

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
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("need at least one channel");
    }
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("need at least one request");
    }
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      throw new IllegalArgumentException(method.getFullMethodName() + " is not unary");
    }
    this.channels = List.copyOf(channels);
    this.method = RawMarshallers.raw(method);
    this.requests = requests.stream().map(MessageLite::toByteArray).toArray(byte[][]::new);
    this.timeoutNanos = timeout.toNanos();
    this.headers = headers;
  }

  @Override
  public void start(int slot, long index, Consumer<CallOutcome> done) {
    Channel channel = channels.get(Math.floorMod(slot, channels.size()));
    CallOptions options = CallOptions.DEFAULT;
    Deadline deadline = null;
    if (timeoutNanos > 0) {
      deadline = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
      options = options.withDeadline(deadline);
    }
    ClientCall<byte[], Long> call = channel.newCall(method, options);
    // start() takes ownership of the headers it is given: each call gets its own copy.
    Metadata callHeaders = new Metadata();
    callHeaders.merge(headers);
    call.start(new Outcome(deadline, done), callHeaders);
    call.request(1);
    call.sendMessage(requests[(int) Math.floorMod(index, (long) requests.length)]);
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
