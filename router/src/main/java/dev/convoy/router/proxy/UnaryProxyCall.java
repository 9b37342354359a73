package dev.convoy.router.proxy;

import dev.convoy.router.backend.Backend;
import dev.convoy.router.fault.Outcomes;
import dev.convoy.router.telemetry.CallTrace;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.opentelemetry.context.Scope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One unary call forwarded to a backend, with at most one retry.
 *
 * <ul>
 *   <li>The request bytes, the client's metadata and its deadline go to a backend chosen
 *       among those that serve the model; the backend's headers, response and trailers come
 *       back unchanged.
 *   <li>A retryable failure (UNAVAILABLE, RESOURCE_EXHAUSTED) is retried once, on another
 *       backend, if the client has not cancelled, its deadline has not passed, another
 *       backend serves the model and the retry budget allows. Otherwise the backend's status
 *       goes to the client.
 *   <li>Cancellation by the client (or its deadline passing at the router) cancels the
 *       backend call.
 * </ul>
 *
 * <p>Each attempt is a CLIENT span under the router's SERVER span (see {@link CallTrace}); the
 * call is counted once, with the status the client gets.
 */
final class UnaryProxyCall {
  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> method;
  private final UnaryReply answer;
  private final String countedAs;
  private final Metadata clientHeaders;
  private final byte[] request;
  private final RouteKey key;
  private final Deadline deadline;
  private final Function<RouteKey, byte[]> noBackendAnswer;
  private final CallTrace trace = CallTrace.current();
  private final long startNanos;
  private final Set<Backend> tried = new HashSet<>(); // guarded by this
  private ClientCall<byte[], byte[]> attempt; // guarded by this
  private boolean retried; // guarded by this
  private boolean cancelled; // guarded by this
  private boolean finished; // guarded by this

  UnaryProxyCall(Routing routing, MethodDescriptor<byte[], byte[]> method, ServerCall<byte[], byte[]> call,
      Metadata clientHeaders, byte[] request, RouteKey key, Deadline deadline,
      Function<RouteKey, byte[]> noBackendAnswer) {
    this(routing, method, UnaryReply.to(call), method.getBareMethodName(), clientHeaders, request, key, deadline,
        noBackendAnswer);
  }

  /**
   * @param answer where the outcome goes
   * @param countedAs the method the call is counted under in the router's metrics
   */
  UnaryProxyCall(Routing routing, MethodDescriptor<byte[], byte[]> method, UnaryReply answer, String countedAs,
      Metadata clientHeaders, byte[] request, RouteKey key, Deadline deadline,
      Function<RouteKey, byte[]> noBackendAnswer) {
    this.routing = routing;
    this.method = method;
    this.answer = answer;
    this.countedAs = countedAs;
    this.clientHeaders = clientHeaders;
    this.request = request;
    this.key = key;
    this.deadline = deadline;
    this.noBackendAnswer = noBackendAnswer;
    this.startNanos = routing.registry().nanoTime();
  }

  synchronized void start() {
    if (cancelled) {
      finish(Status.CANCELLED, new Metadata()); // gave up before it was forwarded
      return;
    }
    routing.retryBudget().onRequest();
    trace.route(key.model(), key.version());
    List<Backend> candidates = candidates();
    if (candidates.isEmpty()) {
      if (noBackendAnswer != null) {
        reply(new Metadata(), noBackendAnswer.apply(key), new Metadata());
      } else {
        finish(routing.registry().mayServe(key.model(), key.version()) ? RoutingErrors.noBackend(key)
            : RoutingErrors.unknownModel(key), new Metadata());
      }
      return;
    }
    send(routing.chooser().choose(candidates));
  }

  synchronized void cancel() {
    if (finished) {
      return;
    }
    cancelled = true;
    if (attempt != null) {
      attempt.cancel("the client cancelled the call", null);
    }
  }

  private List<Backend> candidates() {
    return routing.registry().candidates(key.model(), key.version(), tried);
  }

  private void send(Backend backend) {
    tried.add(backend);
    backend.acquire();
    long now = routing.registry().nanoTime();
    boolean watched = backend.watch(deadline == null ? -1 : deadline.timeRemaining(TimeUnit.NANOSECONDS), now);
    routing.metrics().chosen(backend);
    CallOptions options = trace.attempt(CallOptions.DEFAULT.withDeadline(deadline), backend, tried.size());
    ClientCall<byte[], byte[]> next;
    try (Scope ignored = trace.makeCurrent()) {
      next = backend.calls().newCall(method, options);
    }
    attempt = next;
    next.start(new AttemptListener(backend, watched), ForwardedHeaders.copy(clientHeaders));
    next.request(2);
    next.sendMessage(request);
    next.halfClose();
  }

  private synchronized void onAttemptClosed(Backend backend, boolean watched, Status status, Metadata headers,
      byte[] response, Metadata trailers) {
    backend.release(1);
    if (watched) {
      backend.unwatch();
    }
    backend.onCallClosed(status.getCode(), routing.registry().nanoTime());
    if (finished) {
      return;
    }
    if (status.isOk()) {
      reply(headers, response, trailers);
      return;
    }
    if (mayRetry(status)) {
      List<Backend> others = candidates();
      if (!others.isEmpty()) {
        if (routing.retryBudget().tryRetry()) {
          retried = true;
          routing.metrics().retried(backend, status.getCode());
          trace.retry(backend, status);
          send(routing.chooser().choose(others));
          return;
        }
        routing.metrics().retryRefused();
        trace.retryRefused(backend, status);
      }
    }
    finish(RoutingErrors.bounded(status), trailers);
  }

  private boolean mayRetry(Status status) {
    return !retried && !cancelled && Outcomes.retryable(status.getCode())
        && (deadline == null || !deadline.isExpired());
  }

  private void reply(Metadata headers, byte[] response, Metadata trailers) {
    finished = true;
    count(Status.Code.OK);
    if (cancelled) {
      return;
    }
    answer.reply(headers, response, trailers);
  }

  private void finish(Status status, Metadata trailers) {
    finished = true;
    count(status.getCode());
    if (!cancelled) {
      answer.fail(status, trailers);
    }
  }

  /** Counts the call with the status the client gets. */
  private void count(Status.Code code) {
    // A model no backend has reported is counted without its name.
    String model = !tried.isEmpty() || routing.registry().knows(key.model()) ? key.model() : "";
    routing.metrics().answered(countedAs, model, cancelled ? Status.Code.CANCELLED : code,
        routing.registry().nanoTime() - startNanos);
  }

  /** Collects one attempt's answer. Callbacks run one at a time on the backend executor. */
  private final class AttemptListener extends ClientCall.Listener<byte[]> {
    private final Backend backend;
    private final boolean watched;
    private Metadata headers = new Metadata();
    private byte[] response;

    AttemptListener(Backend backend, boolean watched) {
      this.backend = backend;
      this.watched = watched;
    }

    @Override
    public void onHeaders(Metadata received) {
      headers = received;
      backend.heard(routing.registry().nanoTime());
    }

    @Override
    public void onMessage(byte[] message) {
      response = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      onAttemptClosed(backend, watched, status, headers, response, trailers);
    }
  }
}
