package dev.convoy.loadtest.grpc;

import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.CallOutcome;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client-, server- or bidirectional-streaming method as ghz calls it: one call of the run is
 * one whole stream, timed from its start to the server's close. The client sends its messages
 * (the data array, or {@code --stream-call-count} of them cycling through it), at least
 * {@code --stream-interval} apart, then half-closes; {@code --stream-call-duration} ends the
 * sending early (and cancels a server stream, which then counts as OK, as ghz counts it). A
 * server stream sends one message and reads every answer; {@code --stream-call-count} ends it
 * after that many answers.
 */
public final class StreamingCall implements AsyncLoadCall {

  private final List<Channel> channels;
  private final MethodDescriptor<byte[], Long> method;
  private final RequestSource requests;
  private final StreamShape shape;
  private final long timeoutNanos;
  private final CallOptions callOptions;
  private final ScheduledExecutorService timer;

  /**
   * @param timer runs delayed sends and the call-duration limit
   */
  public StreamingCall(List<? extends Channel> channels, MethodDescriptor<byte[], Long> method,
      RequestSource requests, StreamShape shape, Duration timeout, CallOptions callOptions,
      ScheduledExecutorService timer) {
    if (method.getType() == MethodType.UNARY) {
      throw new IllegalArgumentException(method.getFullMethodName() + " is unary");
    }
    this.channels = List.copyOf(channels);
    this.method = method;
    this.requests = requests;
    this.shape = shape;
    this.timeoutNanos = timeout.toNanos();
    this.callOptions = callOptions;
    this.timer = timer;
  }

  @Override
  public void start(int slot, long index, Consumer<CallOutcome> done) {
    boolean serverOnly = method.getType() == MethodType.SERVER_STREAMING;
    List<byte[]> messages = serverOnly
        ? List.of(requests.body(slot, index))
        : requests.messages(slot, index, shape.callCount());
    CallOptions options = callOptions;
    Deadline deadline = null;
    if (timeoutNanos > 0) {
      deadline = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
      options = options.withDeadline(deadline);
    }
    ClientCall<byte[], Long> call =
        channels.get(Math.floorMod(slot, channels.size())).newCall(method, options);
    Stream stream = new Stream(call, messages, serverOnly, deadline, done);
    call.start(stream, requests.headers(slot, index));
    call.request(1);
    if (!shape.callDuration().isZero()) {
      timer.schedule(stream::timeUp, shape.callDuration().toNanos(), TimeUnit.NANOSECONDS);
    }
    stream.sendNext();
  }

  /** One stream: its sends, its answers and its end. */
  private final class Stream extends ClientCall.Listener<Long> {
    private final ClientCall<byte[], Long> call;
    private final List<byte[]> messages;
    private final boolean serverOnly;
    private final Deadline deadline;
    private final Consumer<CallOutcome> done;
    private final AtomicLong answers = new AtomicLong();
    private final AtomicBoolean sendingOver = new AtomicBoolean();
    private final AtomicBoolean cancelledByUs = new AtomicBoolean();
    private int sent;

    Stream(ClientCall<byte[], Long> call, List<byte[]> messages, boolean serverOnly,
        Deadline deadline, Consumer<CallOutcome> done) {
      this.call = call;
      this.messages = messages;
      this.serverOnly = serverOnly;
      this.deadline = deadline;
      this.done = done;
    }

    /** Sends the next messages, or half-closes after the last; an interval defers the rest. */
    synchronized void sendNext() {
      long interval = shape.interval().toNanos();
      while (!sendingOver.get()) {
        if (sent == messages.size()) {
          finishSending();
          return;
        }
        try {
          call.sendMessage(messages.get(sent++));
        } catch (IllegalStateException e) {
          return; // the call already ended; its close reports how
        }
        if (interval > 0 && sent < messages.size()) {
          timer.schedule(this::sendNext, interval, TimeUnit.NANOSECONDS);
          return;
        }
      }
    }

    synchronized void timeUp() {
      if (serverOnly) {
        cancelByUs("stream call duration elapsed");
      } else {
        finishSending();
      }
    }

    private void finishSending() {
      if (sendingOver.compareAndSet(false, true)) {
        call.halfClose();
      }
    }

    private void cancelByUs(String why) {
      if (cancelledByUs.compareAndSet(false, true)) {
        call.cancel(why, null);
      }
    }

    @Override
    public void onMessage(Long size) {
      long n = answers.incrementAndGet();
      if (serverOnly && shape.callCount() > 0 && n >= shape.callCount()) {
        cancelByUs("stream call count reached");
        return;
      }
      call.request(1);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      sendingOver.set(true);
      if (cancelledByUs.get() && status.getCode() == Status.Code.CANCELLED) {
        done.accept(CallOutcome.ok());
        return;
      }
      done.accept(GrpcLoadCall.outcomeOf(status, deadline));
    }
  }
}
