package dev.convoy.loadtest.schema;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.convoy.loadtest.grpc.RawMarshallers;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;

/**
 * The method a run calls: its descriptor, the gRPC method (bytes out, sizes in), and the
 * request type to build requests of (generated for Convoy's inference service, else dynamic).
 */
public record CallTarget(Descriptors.MethodDescriptor descriptor,
    MethodDescriptor<byte[], Long> method, Message requestPrototype) {

  /** A method known by its descriptor alone: requests are {@link DynamicMessage}s. */
  public static CallTarget dynamic(Descriptors.MethodDescriptor descriptor) {
    String fullName = descriptor.getService().getFullName() + "/" + descriptor.getName();
    return new CallTarget(descriptor, RawMarshallers.forMethod(fullName, typeOf(descriptor)),
        DynamicMessage.getDefaultInstance(descriptor.getInputType()));
  }

  public boolean isUnary() {
    return method.getType() == MethodType.UNARY;
  }

  static MethodType typeOf(Descriptors.MethodDescriptor d) {
    if (d.isClientStreaming() && d.isServerStreaming()) {
      return MethodType.BIDI_STREAMING;
    }
    if (d.isClientStreaming()) {
      return MethodType.CLIENT_STREAMING;
    }
    return d.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
  }
}
