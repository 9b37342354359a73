package dev.convoy.loadtest.schema;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.loadtest.grpc.MethodName;
import dev.convoy.loadtest.grpc.RawMarshallers;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Finds the called method as ghz does: {@code --proto} first, then {@code --protoset}, then
 * the server's reflection. Convoy's inference service needs none of them: its schema is built
 * in (the generated classes), and its requests are the generated message types.
 */
public final class MethodSchemas {

  private MethodSchemas() {}

  /** Whether {@link #resolve} needs the connection (reflection). */
  public static boolean needsServer(MethodName name, String proto, String protoset) {
    return proto == null && protoset == null && !name.isInferenceService();
  }

  /**
   * @param channel for reflection; may be null when {@link #needsServer} is false
   */
  public static CallTarget resolve(MethodName name, String proto, List<String> importPaths,
      String protoset, ProtoCompiler protoc, Channel channel, Metadata reflectHeaders,
      Duration timeout) throws SchemaException, InterruptedException {
    if (proto != null) {
      return CallTarget.dynamic(FileSets.find(protoc.compile(proto, importPaths), name));
    }
    if (protoset != null) {
      return CallTarget.dynamic(FileSets.find(FileSets.readProtoset(Path.of(protoset)), name));
    }
    if (name.isInferenceService()) {
      return builtIn(name);
    }
    return CallTarget.dynamic(FileSets.find(
        ReflectionSchema.fetch(channel, name.service(), reflectHeaders, timeout), name));
  }

  /**
   * Checks, before connecting, that a call to the built-in inference service names one of its
   * methods.
   *
   * @throws IllegalArgumentException in ghz's words, listing the methods
   */
  public static void checkBuiltIn(MethodName name) {
    if (!name.isInferenceService()) {
      return;
    }
    for (var method : GRPCInferenceServiceGrpc.getServiceDescriptor().getMethods()) {
      if (method.getBareMethodName().equals(name.method())) {
        return;
      }
    }
    throw new IllegalArgumentException("service \"" + name.service() + "\" does not include a"
        + " method named \"" + name.method() + "\"; it has: "
        + String.join(", ", InferenceMethods.callableMethodNames()));
  }

  private static CallTarget builtIn(MethodName name) throws SchemaException {
    Descriptors.FileDescriptor file = ((ProtoFileDescriptorSupplier)
        GRPCInferenceServiceGrpc.getServiceDescriptor().getSchemaDescriptor()).getFileDescriptor();
    Descriptors.MethodDescriptor descriptor = FileSets.find(List.of(file), name);
    var generated = InferenceMethods.resolve(name.fullMethodName());
    Message prototype = InferenceMethods.requestPrototype(generated);
    return new CallTarget(descriptor, RawMarshallers.raw(generated), prototype);
  }
}
