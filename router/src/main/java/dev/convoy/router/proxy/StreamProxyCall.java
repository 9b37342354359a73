package dev.convoy.router.proxy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.convoy.router.telemetry.CallTrace;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ModelStreamInfer stream whose messages are routed one by one.
 *
 * <p>Each request on the stream is forwarded as a unary ModelInfer call by
 * {@link UnaryProxyCall}, exactly as a ModelInfer from a client would be: a backend chosen
 * among those serving the request's model by the balancer, the stream's metadata and
 * deadline, one retry of a retryable failure on another backend, outcomes fed to ejection.
 * One stream thus spreads over every backend that serves its models, and may mix models.
 * Each answer is written on the client's stream as it comes back (completion order; each
 * carries its request's id). A request that fails (unparsable, no backend, or the backend's
 * error) is answered with {@code error_message}, and the stream goes on.
 *
 * <p>Flow control: up to {@link #WINDOW} requests are in flight; the next is read from the
 * client only when an answer has been handed to it. Answers wait (at most the window) while
 * the client cannot take them and go out on {@code onReady}, so a client that stops reading
 * makes the router stop reading. Cancelling the stream (or its deadline passing) cancels the
 * calls in flight.
 *
 * <p>Each request is counted in the router's metrics under ModelStreamInfer, with its own
 * status; each backend call is a CLIENT span under the stream's SERVER span.
 */
final class StreamProxyCall extends ServerCall.Listener<byte[]> {
  /** Requests in flight per stream: enough to fill the batches of several backends. */
  static final int WINDOW = 256;

  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> unary;
  private final String methodName;
  private final ServerCall<byte[], byte[]> serverCall;
  private final Metadata clientHeaders;
  private final Deadline deadline;
  private final CallTrace trace = CallTrace.current();
  private final Set<UnaryProxyCall> inFlight = ConcurrentHashMap.newKeySet();
  private final ArrayDeque<byte[]> unsent = new ArrayDeque<>(); // guarded by this
  private int requested; // guarded by this: asked of the client, not yet answered on the wire
  private int unanswered; // guarded by this: received, not yet answered on the wire
  private boolean headersSent; // guarded by this
  private boolean clientDone; // guarded by this
  private boolean ended; // guarded by this

  /**
   * @param unary ModelInfer, what each request is forwarded as
   * @param methodName ModelStreamInfer, what the client called
   */
  StreamProxyCall(Routing routing, MethodDescriptor<byte[], byte[]> unary, String methodName,
      ServerCall<byte[], byte[]> serverCall, Metadata clientHeaders, Deadline deadline) {
    this.routing = routing;
    this.unary = unary;
    this.methodName = methodName;
    this.serverCall = serverCall;
    this.clientHeaders = clientHeaders;
    this.deadline = deadline;
  }

  synchronized void start() {
    topUp();
  }

  @Override
  public void onMessage(byte[] message) {
    synchronized (this) {
      if (ended) {
        return;
      }
      unanswered++;
    }
    RouteKey key;
    try {
      key = RouteKey.parse(message);
    } catch (InvalidProtocolBufferException e) {
      rejected(RoutingErrors.unparsable(methodName), message);
      return;
    }
    if (key.model().isEmpty()) {
      rejected(RoutingErrors.emptyModelName(methodName), message);
      return;
    }
    Message answer = new Message(message);
    try (Scope ignored = trace.makeCurrent()) {
      answer.call = new UnaryProxyCall(routing, unary, answer, methodName, clientHeaders, message, key, deadline, null);
    }
    inFlight.add(answer.call);
    answer.call.start();
    if (isEnded()) {
      answer.call.cancel();
    }
  }

  private synchronized boolean isEnded() {
    return ended;
  }

  /** A request the router answers itself, counted without a model. */
  private void rejected(Status status, byte[] request) {
    routing.metrics().answered(methodName, "", status.getCode(), 0);
    deliver(StreamAnswers.failed(status, request));
  }

  @Override
  public synchronized void onHalfClose() {
    clientDone = true;
    completeIfDone();
  }

  @Override
  public void onCancel() {
    synchronized (this) {
      ended = true;
      unsent.clear();
    }
    // Outside the lock: a call being cancelled may be delivering its answer, which takes it.
    inFlight.forEach(UnaryProxyCall::cancel);
  }

  @Override
  public synchronized void onReady() {
    while (!ended && !unsent.isEmpty() && serverCall.isReady()) {
      send(unsent.poll());
    }
    completeIfDone();
  }

  private synchronized void deliver(byte[] answer) {
    if (ended) {
      return;
    }
    if (unsent.isEmpty() && serverCall.isReady()) {
      send(answer);
      completeIfDone();
    } else {
      unsent.add(answer);
    }
  }

  /** Hands one answer to the client, and so makes room for one more request. */
  private void send(byte[] answer) {
    if (!headersSent) {
      headersSent = true;
      serverCall.sendHeaders(new Metadata());
    }
    serverCall.sendMessage(answer);
    unanswered--;
    requested--;
    topUp();
  }

  private void topUp() {
    int more = WINDOW - requested;
    if (more > 0 && !clientDone && !ended) {
      requested += more;
      serverCall.request(more);
    }
  }

  private void completeIfDone() {
    if (clientDone && !ended && unanswered == 0) {
      ended = true;
      serverCall.close(Status.OK, new Metadata());
    }
  }

  /** One request's answer: its forwarded call's outcome, written on the stream. */
  private final class Message implements UnaryReply {
    private final byte[] request;
    private UnaryProxyCall call;

    Message(byte[] request) {
      this.request = request;
    }

    @Override
    public void reply(Metadata headers, byte[] response, Metadata trailers) {
      inFlight.remove(call);
      deliver(response == null
          ? StreamAnswers.failed(Status.INTERNAL.withDescription("the backend answered OK without a message"), request)
          : StreamAnswers.answered(response));
    }

    @Override
    public void fail(Status status, Metadata trailers) {
      inFlight.remove(call);
      deliver(StreamAnswers.failed(status, request));
    }
  }
}
