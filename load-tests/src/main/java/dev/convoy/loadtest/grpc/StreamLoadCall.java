package dev.convoy.loadtest.grpc;

import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.grpc.StreamMessages.Answer;
import dev.convoy.loadtest.grpc.StreamMessages.Request;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * ModelStreamInfer as load: each engine call is one message on a bidirectional stream, timed
 * from its send to the answer carrying its id. Slot {@code s} belongs to stream
 * {@code s / window}, so each stream has up to {@code window} messages in flight and sends the
 * next without waiting for earlier answers. A stream is half-closed and replaced after
 * {@code callCount} messages or {@code callDuration}; a failed stream fails the messages still
 * waiting on it, and the next message opens a new one. Requests are serialised once; each
 * message carries its own {@code id} ({@link StreamMessages}).
 */
public final class StreamLoadCall implements AsyncLoadCall, AutoCloseable {

  private final MethodDescriptor<Request, Answer> method;
  private final byte[][] requests;
  private final StreamShape shape;
  private final Metadata headers;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanoClock;
  private final Lane[] lanes;

  /**
   * @param channels channels to spread streams over (stream {@code k} on {@code k % channels})
   * @param requests the requests, sent round-robin by call index
   * @param timer delays sends for {@code --stream-interval}; unused when the interval is zero
   * @param nanoClock monotonic time, for the interval and the stream duration
   */
  public StreamLoadCall(List<? extends Channel> channels, List<ModelInferRequest> requests,
      StreamShape shape, Metadata headers, ScheduledExecutorService timer,
      LongSupplier nanoClock) {
    if (channels.isEmpty() || requests.isEmpty()) {
      throw new IllegalArgumentException("need at least one channel and one request");
    }
    this.method = GRPCInferenceServiceGrpc.getModelStreamInferMethod().toBuilder(
        StreamMessages.requests(), StreamMessages.answers()).build();
    this.requests = requests.stream().map(ModelInferRequest::toByteArray).toArray(byte[][]::new);
    this.shape = shape;
    this.headers = headers;
    this.timer = timer;
    this.nanoClock = nanoClock;
    this.lanes = new Lane[shape.streams()];
    for (int k = 0; k < lanes.length; k++) {
      lanes[k] = new Lane(channels.get(k % channels.size()));
    }
  }

  @Override
  public void start(int slot, long index, Consumer<CallOutcome> done) {
    byte[] request = requests[(int) Math.floorMod(index, (long) requests.length)];
    String id = Long.toString(index);
    lanes[(slot / shape.window()) % lanes.length].send(new Request(request, id), done);
  }

  /** Half-closes every open stream, so that the server ends them. */
  @Override
  public void close() {
    for (Lane lane : lanes) {
      lane.retire();
    }
  }

  /** One stream position: the stream open there now, replaced when it is used up. */
  private final class Lane {
    private final Channel channel;
    private OpenStream current; // guarded by this
    private long nextSendNanos; // guarded by this

    Lane(Channel channel) {
      this.channel = channel;
    }

    synchronized void send(Request message, Consumer<CallOutcome> done) {
      long now = nanoClock.getAsLong();
      if (current != null && current.usedUp(now)) {
        retireLocked();
      }
      // A stream that failed since the last send takes no more messages: open another.
      while (current == null || !current.expect(message.id(), done)) {
        current = new OpenStream(this, now);
      }
      OpenStream stream = current;
      long delay = shape.interval().isZero() ? 0 : nextSendNanos - now;
      nextSendNanos = Math.max(now, nextSendNanos) + shape.interval().toNanos();
      if (delay > 0) {
        timer.schedule(() -> stream.send(message), delay, TimeUnit.NANOSECONDS);
      } else {
        stream.send(message);
      }
      if (shape.callCount() > 0 && stream.expectedCount() >= shape.callCount()) {
        retireLocked();
      }
    }

    synchronized void retire() {
      retireLocked();
    }

    synchronized void closed(OpenStream stream) {
      if (current == stream) {
        current = null;
      }
    }

    private void retireLocked() {
      if (current != null) {
        current.halfCloseAfterSends();
        current = null;
      }
    }
  }

  /** One ModelStreamInfer call and the messages waiting for their answers on it. */
  private final class OpenStream extends ClientCall.Listener<Answer> {
    private final Lane lane;
    private final long openedNanos;
    private final ClientCall<Request, Answer> call;
    private final Map<String, Consumer<CallOutcome>> waiting = new LinkedHashMap<>(); // this
    private long expected; // guarded by this
    private long sent; // guarded by this
    private boolean halfCloseWanted; // guarded by this
    private boolean halfClosed; // guarded by this
    private boolean ended; // guarded by this

    OpenStream(Lane lane, long openedNanos) {
      this.lane = lane;
      this.openedNanos = openedNanos;
      this.call = lane.channel.newCall(method, CallOptions.DEFAULT);
      Metadata callHeaders = new Metadata();
      callHeaders.merge(headers);
      call.start(this, callHeaders);
      call.request(shape.window());
    }

    synchronized boolean usedUp(long now) {
      return !shape.callDuration().isZero()
          && now - openedNanos >= shape.callDuration().toNanos();
    }

    synchronized long expectedCount() {
      return expected;
    }

    /** Registers a message to answer; false when the stream has already ended. */
    synchronized boolean expect(String id, Consumer<CallOutcome> done) {
      if (ended) {
        return false;
      }
      waiting.put(id, done);
      expected++;
      return true;
    }

    synchronized void send(Request message) {
      if (!halfClosed) {
        call.sendMessage(message);
        sent++;
        if (halfCloseWanted && sent == expected) {
          halfClose();
        }
      }
    }

    /** Half-closes once every message expected on the stream has been sent. */
    synchronized void halfCloseAfterSends() {
      halfCloseWanted = true;
      if (sent == expected) {
        halfClose();
      }
    }

    private void halfClose() {
      if (!halfClosed) {
        halfClosed = true;
        call.halfClose();
      }
    }

    @Override
    public void onMessage(Answer answer) {
      Consumer<CallOutcome> done;
      synchronized (this) {
        done = waiting.remove(answer.id());
        if (done == null && !waiting.isEmpty()) {
          // An answer without a known id answers the oldest message (answers are in order).
          String oldest = waiting.keySet().iterator().next();
          done = waiting.remove(oldest);
        }
      }
      call.request(1);
      if (done != null) {
        done.accept(answer.errorMessage().isEmpty() ? CallOutcome.ok()
            : CallOutcome.failed(CallOutcome.UNKNOWN, "stream answer error: "
                + answer.errorMessage()));
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      lane.closed(this);
      List<Consumer<CallOutcome>> unanswered;
      synchronized (this) {
        ended = true;
        halfClosed = true;
        unanswered = new ArrayList<>(waiting.values());
        waiting.clear();
      }
      CallOutcome outcome = status.isOk()
          ? CallOutcome.failed(CallOutcome.UNKNOWN, "stream ended before answering")
          : GrpcOutcomes.of(status);
      unanswered.forEach(done -> done.accept(outcome));
    }
  }
}
