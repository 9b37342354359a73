package dev.convoy.security.auth;

import java.util.Map;
import java.util.Optional;

/** The endpoint group of each gRPC method Convoy serves; a method in none is refused. */
public final class MethodGroups {
  private static final String INFERENCE_SERVICE = "inference.GRPCInferenceService/";
  private static final Map<String, EndpointGroup> BY_METHOD = Map.ofEntries(
      Map.entry(INFERENCE_SERVICE + "ServerLive", EndpointGroup.HEALTH),
      Map.entry(INFERENCE_SERVICE + "ServerReady", EndpointGroup.HEALTH),
      Map.entry(INFERENCE_SERVICE + "ModelReady", EndpointGroup.HEALTH),
      Map.entry(INFERENCE_SERVICE + "ServerMetadata", EndpointGroup.METADATA),
      Map.entry(INFERENCE_SERVICE + "ModelMetadata", EndpointGroup.METADATA),
      Map.entry(INFERENCE_SERVICE + "RepositoryIndex", EndpointGroup.METADATA),
      Map.entry(INFERENCE_SERVICE + "ModelInfer", EndpointGroup.INFERENCE),
      Map.entry(INFERENCE_SERVICE + "ModelStreamInfer", EndpointGroup.INFERENCE),
      Map.entry(INFERENCE_SERVICE + "ModelConfig", EndpointGroup.MODEL_CONFIG),
      Map.entry(INFERENCE_SERVICE + "ModelStatistics", EndpointGroup.STATISTICS),
      Map.entry(INFERENCE_SERVICE + "RepositoryModelLoad", EndpointGroup.MODEL_REPOSITORY),
      Map.entry(INFERENCE_SERVICE + "RepositoryModelUnload", EndpointGroup.MODEL_REPOSITORY),
      Map.entry(INFERENCE_SERVICE + "TraceSetting", EndpointGroup.TRACE),
      Map.entry(INFERENCE_SERVICE + "LogSettings", EndpointGroup.LOGGING),
      Map.entry(INFERENCE_SERVICE + "SystemSharedMemoryStatus", EndpointGroup.SHARED_MEMORY),
      Map.entry(INFERENCE_SERVICE + "SystemSharedMemoryRegister", EndpointGroup.SHARED_MEMORY),
      Map.entry(INFERENCE_SERVICE + "SystemSharedMemoryUnregister", EndpointGroup.SHARED_MEMORY),
      Map.entry(INFERENCE_SERVICE + "CudaSharedMemoryStatus", EndpointGroup.SHARED_MEMORY),
      Map.entry(INFERENCE_SERVICE + "CudaSharedMemoryRegister", EndpointGroup.SHARED_MEMORY),
      Map.entry(INFERENCE_SERVICE + "CudaSharedMemoryUnregister", EndpointGroup.SHARED_MEMORY),
      Map.entry("convoy.monitor.v1.MonitorIngest/Ingest", EndpointGroup.MONITOR_INGEST),
      Map.entry("convoy.monitor.v1.MonitorIngest/SubmitLabels", EndpointGroup.MONITOR_LABELS));
  private static final Map<String, EndpointGroup> BY_SERVICE = Map.of(
      "grpc.health.v1.Health", EndpointGroup.HEALTH,
      "grpc.reflection.v1.ServerReflection", EndpointGroup.METADATA,
      "grpc.reflection.v1alpha.ServerReflection", EndpointGroup.METADATA,
      "convoy.router.RouterAdmin", EndpointGroup.ROUTER_ADMIN,
      "convoy.monitor.v1.MonitorAdmin", EndpointGroup.MONITOR_ADMIN);

  private MethodGroups() {}

  /** The group of {@code service/method}, empty for a method in none. */
  public static Optional<EndpointGroup> of(String fullMethodName) {
    EndpointGroup group = BY_METHOD.get(fullMethodName);
    if (group != null) {
      return Optional.of(group);
    }
    int slash = fullMethodName.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : Optional.ofNullable(BY_SERVICE.get(fullMethodName.substring(0, slash)));
  }
}
