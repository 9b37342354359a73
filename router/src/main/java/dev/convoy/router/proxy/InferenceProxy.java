package dev.convoy.router.proxy;

import dev.convoy.transport.TritonExtensions;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelReadyResponse;
import dev.convoy.proto.inference.ServerLiveResponse;
import dev.convoy.proto.inference.ServerMetadataResponse;
import dev.convoy.proto.inference.ServerReadyResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The router's {@code inference.GRPCInferenceService}: the generated service descriptor's
 * methods with byte marshallers (and the same schema, so reflection describes it as the real
 * service), each bound to a pass-through handler:
 *
 * <ul>
 *   <li>ServerLive, ServerReady, ServerMetadata: answered by the router.
 *   <li>ModelInfer, ModelMetadata, ModelConfig: forwarded to a backend that serves the model;
 *       NOT_FOUND naming the model when no backend has it at all, UNAVAILABLE when it is
 *       there but no backend that has it is ready. ModelReady likewise, but answers
 *       {@code ready = false} when no backend serves the model.
 *   <li>ModelStreamInfer: each message routed on its own, as a ModelInfer would be.
 *   <li>RepositoryIndex, ModelStatistics: sent to every healthy backend and merged.
 *   <li>RepositoryModelLoad, RepositoryModelUnload, TraceSetting, LogSettings: sent to every
 *       healthy backend; the first answer is returned (the settings are the same everywhere
 *       once every backend took them).
 * </ul>
 */
public final class InferenceProxy {
  /** The name the router gives in ServerMetadata. */
  public static final String SERVER_NAME = "convoy-router";
  private static final List<String> EXTENSIONS = TritonExtensions.SUPPORTED;

  private InferenceProxy() {}

  /**
   * @param ready whether the router takes requests (running, with a healthy backend)
   * @param version the router's version, for ServerMetadata
   */
  public static ServerServiceDefinition service(Routing routing, BooleanSupplier ready, String version) {
    ServiceDescriptor generated = GRPCInferenceServiceGrpc.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(generated.getName())
        .setSchemaDescriptor(generated.getSchemaDescriptor());
    List<MethodDescriptor<byte[], byte[]>> methods = new ArrayList<>();
    for (MethodDescriptor<?, ?> method : generated.getMethods()) {
      MethodDescriptor<byte[], byte[]> bytes = method.toBuilder(ByteMarshaller.INSTANCE, ByteMarshaller.INSTANCE).build();
      methods.add(bytes);
      descriptor.addMethod(bytes);
    }
    ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(descriptor.build());
    for (MethodDescriptor<byte[], byte[]> method : methods) {
      service.addMethod(method, handler(routing, method, ready, version));
    }
    return service.build();
  }

  private static ServerCallHandler<byte[], byte[]> handler(Routing routing, MethodDescriptor<byte[], byte[]> method,
      BooleanSupplier ready, String version) {
    String name = method.getBareMethodName();
    if (name.equals(GRPCInferenceServiceGrpc.getServerLiveMethod().getBareMethodName())) {
      return local(() -> ServerLiveResponse.newBuilder().setLive(true).build().toByteArray());
    }
    if (name.equals(GRPCInferenceServiceGrpc.getServerReadyMethod().getBareMethodName())) {
      return local(() -> ServerReadyResponse.newBuilder().setReady(ready.getAsBoolean()).build().toByteArray());
    }
    if (name.equals(GRPCInferenceServiceGrpc.getServerMetadataMethod().getBareMethodName())) {
      byte[] metadata = ServerMetadataResponse.newBuilder().setName(SERVER_NAME).setVersion(version)
          .addAllExtensions(EXTENSIONS).build().toByteArray();
      return local(() -> metadata);
    }
    if (name.equals(GRPCInferenceServiceGrpc.getModelReadyMethod().getBareMethodName())) {
      byte[] notReady = ModelReadyResponse.newBuilder().setReady(false).build().toByteArray();
      return new UnaryProxyHandler(routing, method, key -> notReady);
    }
    if (name.equals(GRPCInferenceServiceGrpc.getModelInferMethod().getBareMethodName())
        || name.equals(GRPCInferenceServiceGrpc.getModelMetadataMethod().getBareMethodName())
        || name.equals(GRPCInferenceServiceGrpc.getModelConfigMethod().getBareMethodName())) {
      return new UnaryProxyHandler(routing, method, null);
    }
    if (name.equals(GRPCInferenceServiceGrpc.getModelStreamInferMethod().getBareMethodName())) {
      return new StreamProxyHandler(routing, method);
    }
    if (name.equals(GRPCInferenceServiceGrpc.getRepositoryIndexMethod().getBareMethodName())) {
      return new FanOutHandler(routing, method, false, IndexMerger::mergeBytes);
    }
    if (name.equals(GRPCInferenceServiceGrpc.getModelStatisticsMethod().getBareMethodName())) {
      return new FanOutHandler(routing, method, false, StatisticsMerger::mergeBytes);
    }
    if (name.equals(GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod().getBareMethodName())
        || name.equals(GRPCInferenceServiceGrpc.getRepositoryModelUnloadMethod().getBareMethodName())
        || name.equals(GRPCInferenceServiceGrpc.getTraceSettingMethod().getBareMethodName())
        || name.equals(GRPCInferenceServiceGrpc.getLogSettingsMethod().getBareMethodName())) {
      return new FanOutHandler(routing, method, true, bodies -> bodies.get(0));
    }
    return unimplemented(name);
  }

  private static ServerCallHandler<byte[], byte[]> local(Supplier<byte[]> answer) {
    return ServerCalls.asyncUnaryCall((request, responses) -> {
      responses.onNext(answer.get());
      responses.onCompleted();
    });
  }

  private static ServerCallHandler<byte[], byte[]> unimplemented(String name) {
    return ServerCalls.asyncUnaryCall((request, responses) -> responses.onError(
        Status.UNIMPLEMENTED.withDescription("the router does not forward " + name).asRuntimeException()));
  }
}
