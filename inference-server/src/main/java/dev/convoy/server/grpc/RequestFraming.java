package dev.convoy.server.grpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards a service against malformed calls before its handlers see them. gRPC itself answers a
 * request that does not parse with INTERNAL (or UNKNOWN) and a unary call carrying zero or two
 * messages with INTERNAL, as if the server were at fault; here each method receives its
 * messages as bytes and parses them itself, so those calls end INVALID_ARGUMENT, naming the
 * method and the problem, and never reach the handler.
 */
public final class RequestFraming {
  private RequestFraming() {}

  /** The same service, same names and schema (reflection still describes it), guarded. */
  public static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<InputStream, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<InputStream, ?> guarded = guard(method);
      methods.add(guarded);
      descriptor.addMethod(guarded.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder guardedService = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guardedService::addMethod);
    return guardedService.build();
  }

  private static <Q, R> ServerMethodDefinition<InputStream, R> guard(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> typed = method.getMethodDescriptor();
    MethodDescriptor<InputStream, R> raw = typed.toBuilder(RawMarshaller.INSTANCE, typed.getResponseMarshaller())
        .build();
    return ServerMethodDefinition.create(raw, new GuardedHandler<>(typed, method.getServerCallHandler()));
  }

  /** Hands the message stream over as it is; the guarded listener parses it. */
  private enum RawMarshaller implements MethodDescriptor.Marshaller<InputStream> {
    INSTANCE;

    @Override
    public InputStream stream(InputStream value) {
      return value;
    }

    @Override
    public InputStream parse(InputStream stream) {
      return stream;
    }
  }

  private static final class GuardedHandler<Q, R> implements ServerCallHandler<InputStream, R> {
    private final MethodDescriptor<Q, R> typed;
    private final ServerCallHandler<Q, R> handler;

    GuardedHandler(MethodDescriptor<Q, R> typed, ServerCallHandler<Q, R> handler) {
      this.typed = typed;
      this.handler = handler;
    }

    @Override
    public ServerCall.Listener<InputStream> startCall(ServerCall<InputStream, R> call, Metadata headers) {
      TypedCall<Q, R> typedCall = new TypedCall<>(call, typed);
      return new GuardedListener<>(typedCall, typed, handler.startCall(typedCall, headers));
    }
  }

  /**
   * Parses each message and counts those of a unary call. Once it has refused a call it tells
   * the handler the call is cancelled and passes nothing more on. gRPC delivers a call's events
   * one at a time, so no locking is needed.
   */
  private static final class GuardedListener<Q, R> extends ServerCall.Listener<InputStream> {
    private final TypedCall<Q, R> call;
    private final MethodDescriptor<Q, R> typed;
    private final ServerCall.Listener<Q> inner;
    private int messages;

    GuardedListener(TypedCall<Q, R> call, MethodDescriptor<Q, R> typed, ServerCall.Listener<Q> inner) {
      this.call = call;
      this.typed = typed;
      this.inner = inner;
    }

    @Override
    public void onMessage(InputStream message) {
      if (call.refused()) {
        return;
      }
      if (typed.getType().clientSendsOneMessage() && messages > 0) {
        refuse("more than one request message in a unary call");
        return;
      }
      messages++;
      Q parsed;
      try {
        parsed = typed.parseRequest(message);
      } catch (RuntimeException e) {
        refuse("the request is not a valid " + messageName() + ": " + parseProblem(e));
        return;
      }
      inner.onMessage(parsed);
    }

    @Override
    public void onHalfClose() {
      if (call.refused()) {
        return;
      }
      if (typed.getType().clientSendsOneMessage() && messages == 0) {
        refuse("half-closed without a request message");
        return;
      }
      inner.onHalfClose();
    }

    @Override
    public void onCancel() {
      if (!call.refused()) {
        inner.onCancel();
      }
    }

    @Override
    public void onComplete() {
      if (!call.refused()) {
        inner.onComplete();
      }
    }

    @Override
    public void onReady() {
      if (!call.refused()) {
        inner.onReady();
      }
    }

    private void refuse(String problem) {
      call.refuse(Status.INVALID_ARGUMENT.withDescription(typed.getBareMethodName() + ": " + problem));
      inner.onCancel();
    }

    private String messageName() {
      return typed.getRequestMarshaller() instanceof MethodDescriptor.ReflectableMarshaller<?> r
          ? r.getMessageClass().getSimpleName() : "message";
    }

    private static String parseProblem(RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return String.valueOf(cause.getMessage());
    }
  }

  /** The call as the typed handler sees it; after a refusal, whatever the handler sends is dropped. */
  private static final class TypedCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<InputStream, R> call;
    private final MethodDescriptor<Q, R> typed;
    private volatile boolean refused;

    TypedCall(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> typed) {
      this.call = call;
      this.typed = typed;
    }

    boolean refused() {
      return refused;
    }

    synchronized void refuse(Status status) {
      refused = true;
      call.close(StatusMapper.bounded(status), new Metadata());
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!refused) {
        call.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!refused) {
        call.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!refused) {
        call.close(status, trailers);
      }
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      call.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return typed;
    }
  }
}
