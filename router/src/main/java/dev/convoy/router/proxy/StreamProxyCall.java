package dev.convoy.router.proxy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.convoy.router.backend.Backend;
import dev.convoy.router.telemetry.CallTrace;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ModelStreamInfer stream proxied to one backend, with flow control both ways.
 *
 * <p>The backend is chosen when the first request arrives, by the model (and version) that
 * request names; every later request on the stream goes to the same backend whatever model it
 * names, so a client that mixes models on one stream should open one stream per model. A
 * stream is not retried: once requests have been sent, replaying them elsewhere could answer
 * some twice. If no backend serves the first request's model the stream ends with
 * UNAVAILABLE naming the model; a stream half-closed before any request ends OK.
 *
 * <p>Flow control: one message is requested from each side at a time, and the next only once
 * the other side can take it ({@code isReady}, or its {@code onReady} callback), so a slow
 * client slows the backend's responses and a slow backend slows the client's requests,
 * without the router buffering. The backend's load counts each request until its response.
 *
 * <p>The backend stream is one CLIENT span under the router's SERVER span; the stream is
 * counted once, when it ends, with the model of its first request.
 */
final class StreamProxyCall extends ServerCall.Listener<byte[]> {
  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> method;
  private final ServerCall<byte[], byte[]> serverCall;
  private final Metadata clientHeaders;
  private final Deadline deadline;
  private final Object flow = new Object();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean counted = new AtomicBoolean();
  private final CallTrace trace = CallTrace.current();
  private final long startNanos;
  private volatile String model = "";
  private volatile ClientCall<byte[], byte[]> clientCall;
  private volatile Backend backend;
  private boolean clientMessageWanted; // guarded by flow: ask the client for more once the backend is ready
  private boolean backendMessageWanted; // guarded by flow: ask the backend for more once the client is ready
  private boolean closed; // only touched by the server listener callbacks, which run one at a time

  StreamProxyCall(Routing routing, MethodDescriptor<byte[], byte[]> method, ServerCall<byte[], byte[]> serverCall,
      Metadata clientHeaders, Deadline deadline) {
    this.routing = routing;
    this.method = method;
    this.serverCall = serverCall;
    this.clientHeaders = clientHeaders;
    this.deadline = deadline;
    this.startNanos = routing.registry().nanoTime();
  }

  void start() {
    serverCall.request(1);
  }

  @Override
  public void onMessage(byte[] message) {
    if (closed || (clientCall == null && !open(message))) {
      return;
    }
    ClientCall<byte[], byte[]> call = clientCall;
    backend.acquire();
    inFlight.incrementAndGet();
    call.sendMessage(message);
    synchronized (flow) {
      if (call.isReady()) {
        serverCall.request(1);
      } else {
        clientMessageWanted = true;
      }
    }
  }

  /** Chooses the backend by the first request and starts the backend call; false if the stream ended instead. */
  private boolean open(byte[] first) {
    RouteKey key;
    try {
      key = RouteKey.parse(first);
    } catch (InvalidProtocolBufferException e) {
      return reject(RoutingErrors.unparsable(method.getBareMethodName()));
    }
    if (key.model().isEmpty()) {
      return reject(RoutingErrors.emptyModelName(method.getBareMethodName()));
    }
    trace.route(key.model(), key.version());
    List<Backend> candidates = routing.registry().candidates(key.model(), key.version(), Set.of());
    if (candidates.isEmpty()) {
      if (routing.registry().knows(key.model())) {
        model = key.model();
      }
      return reject(RoutingErrors.noBackend(key));
    }
    model = key.model();
    backend = routing.chooser().choose(candidates);
    routing.metrics().chosen(backend);
    CallOptions options = trace.attempt(CallOptions.DEFAULT.withDeadline(deadline), backend, 1);
    ClientCall<byte[], byte[]> call;
    try (Scope ignored = trace.makeCurrent()) {
      call = backend.calls().newCall(method, options);
    }
    clientCall = call;
    call.start(new BackendListener(), ForwardedHeaders.copy(clientHeaders));
    call.request(1);
    return true;
  }

  private boolean reject(Status status) {
    closed = true;
    count(status.getCode());
    serverCall.close(status, new Metadata());
    return false;
  }

  /** Counts the stream once, with the status the client gets. */
  private void count(Status.Code code) {
    if (counted.compareAndSet(false, true)) {
      routing.metrics().answered(method.getBareMethodName(), model, code, routing.registry().nanoTime() - startNanos);
    }
  }

  @Override
  public void onHalfClose() {
    if (closed) {
      return;
    }
    if (clientCall == null) {
      closed = true;
      count(Status.Code.OK);
      serverCall.close(Status.OK, new Metadata());
    } else {
      clientCall.halfClose();
    }
  }

  @Override
  public void onCancel() {
    closed = true;
    count(Status.Code.CANCELLED);
    ClientCall<byte[], byte[]> call = clientCall;
    if (call != null) {
      call.cancel("the client cancelled the stream", null);
    }
  }

  @Override
  public void onReady() {
    synchronized (flow) {
      if (backendMessageWanted) {
        backendMessageWanted = false;
        clientCall.request(1);
      }
    }
  }

  /** The backend side. Callbacks run one at a time on the backend executor. */
  private final class BackendListener extends ClientCall.Listener<byte[]> {
    @Override
    public void onHeaders(Metadata headers) {
      serverCall.sendHeaders(ForwardedHeaders.copy(headers));
    }

    @Override
    public void onMessage(byte[] message) {
      serverCall.sendMessage(message);
      if (inFlight.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        backend.onStreamResponse(routing.registry().nanoTime());
      }
      synchronized (flow) {
        if (serverCall.isReady()) {
          clientCall.request(1);
        } else {
          backendMessageWanted = true;
        }
      }
    }

    @Override
    public void onReady() {
      synchronized (flow) {
        if (clientMessageWanted) {
          clientMessageWanted = false;
          serverCall.request(1);
        }
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      backend.release(inFlight.getAndSet(0));
      backend.onStreamClosed(status.getCode(), routing.registry().nanoTime());
      count(status.getCode());
      serverCall.close(status, ForwardedHeaders.copy(trailers));
    }
  }
}
