package dev.convoy.security.audit;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An admin call that writes its audit line when it closes, with its outcome; the target is
 * the request's {@code model_name} (or {@code name}) where the request is a parsed message.
 */
public final class AuditedCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {
  private final AuditLog audit;
  private final String principal;
  private final String via;
  private final String peer;
  private final AtomicReference<String> target = new AtomicReference<>();

  public AuditedCall(ServerCall<ReqT, RespT> call, AuditLog audit, String principal, String via, String peer) {
    super(call);
    this.audit = audit;
    this.principal = principal;
    this.via = via;
    this.peer = peer;
  }

  /** The listener that notes the target from the first request message. */
  public ServerCall.Listener<ReqT> listen(ServerCall.Listener<ReqT> listener) {
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(ReqT message) {
        if (message instanceof Message parsed) {
          target.compareAndSet(null, targetOf(parsed));
        }
        super.onMessage(message);
      }
    };
  }

  @Override
  public void close(Status status, Metadata trailers) {
    audit.record(getMethodDescriptor().getFullMethodName(), target.get(), principal, via, peer, status);
    super.close(status, trailers);
  }

  private static String targetOf(Message message) {
    for (String field : new String[] {"model_name", "name"}) {
      FieldDescriptor descriptor = message.getDescriptorForType().findFieldByName(field);
      if (descriptor != null && descriptor.getType() == FieldDescriptor.Type.STRING) {
        String value = (String) message.getField(descriptor);
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }
}
