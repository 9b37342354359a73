package dev.convoy.loadtest.grpc;

import com.google.protobuf.Message;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The methods of {@code inference.GRPCInferenceService} a load run can call, looked up by the
 * name ghz's {@code --call} takes: every unary method, and ModelStreamInfer (bidirectional,
 * one engine call per message). The descriptors come from the generated service, so their
 * marshallers already know the request and response types: any unary method can be called
 * with a request parsed from JSON, with no per-method code.
 */
public final class InferenceMethods {

  private static final ServiceDescriptor SERVICE = GRPCInferenceServiceGrpc.getServiceDescriptor();

  private InferenceMethods() {}

  /**
   * Resolves {@code package.Service.Method}, {@code package.Service/Method} or a bare
   * {@code Method} (case-insensitive for the bare form).
   *
   * @throws UnknownMethodException when it names no unary method of the service, nor
   *     ModelStreamInfer
   */
  @SuppressWarnings("unchecked")
  public static MethodDescriptor<Message, Message> resolve(String call) {
    String wanted = normalise(call);
    for (MethodDescriptor<?, ?> method : SERVICE.getMethods()) {
      String fullName = method.getFullMethodName();
      boolean matches =
          fullName.equals(wanted)
              || (!wanted.contains("/") && method.getBareMethodName().equalsIgnoreCase(wanted));
      if (!matches) {
        continue;
      }
      if (method.getType() != MethodDescriptor.MethodType.UNARY && !isStream(method)) {
        throw new UnknownMethodException(
            call, "it is a " + method.getType().name().toLowerCase(Locale.ROOT)
                + " method; only unary methods and ModelStreamInfer are supported",
            callableMethodNames());
      }
      return (MethodDescriptor<Message, Message>) method;
    }
    throw new UnknownMethodException(call, "", callableMethodNames());
  }

  /** Whether {@code method} is ModelStreamInfer, the one streaming method a run can call. */
  public static boolean isStream(MethodDescriptor<?, ?> method) {
    return method.getFullMethodName()
        .equals(GRPCInferenceServiceGrpc.getModelStreamInferMethod().getFullMethodName());
  }

  /** The default prototype of the method's request type, to build requests from. */
  public static Message requestPrototype(MethodDescriptor<Message, Message> method) {
    if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p) {
      return (Message) p.getMessagePrototype();
    }
    throw new IllegalStateException(method.getFullMethodName() + " has no protobuf marshaller");
  }

  /** What {@code --call} takes: the unary methods' full names, and ModelStreamInfer's. */
  public static List<String> callableMethodNames() {
    List<String> names = new ArrayList<>(unaryMethodNames());
    names.add(GRPCInferenceServiceGrpc.getModelStreamInferMethod().getFullMethodName()
        .replace('/', '.'));
    names.sort(String::compareTo);
    return names;
  }

  /** Full names ({@code inference.GRPCInferenceService.ModelInfer}) of the unary methods. */
  public static List<String> unaryMethodNames() {
    List<String> names = new ArrayList<>();
    for (MethodDescriptor<?, ?> method : SERVICE.getMethods()) {
      if (method.getType() == MethodDescriptor.MethodType.UNARY) {
        names.add(method.getFullMethodName().replace('/', '.'));
      }
    }
    names.sort(String::compareTo);
    return names;
  }

  /** {@code a.b.Service.Method} becomes {@code a.b.Service/Method}; a bare name stays. */
  private static String normalise(String call) {
    String trimmed = call.trim();
    if (trimmed.contains("/")) {
      return trimmed;
    }
    int lastDot = trimmed.lastIndexOf('.');
    return lastDot < 0
        ? trimmed
        : trimmed.substring(0, lastDot) + "/" + trimmed.substring(lastDot + 1);
  }
}
