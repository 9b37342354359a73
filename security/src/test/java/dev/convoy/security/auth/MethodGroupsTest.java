package dev.convoy.security.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.monitor.v1.MonitorAdminGrpc;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.router.RouterAdminGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every method of Convoy's contracts is in a group: with a policy, one in none is refused. */
class MethodGroupsTest {

  @Test
  void of_everyMethodOfConvoysServices_hasAGroup() {
    List<ServiceDescriptor> services = List.of(GRPCInferenceServiceGrpc.getServiceDescriptor(),
        RouterAdminGrpc.getServiceDescriptor(), MonitorIngestGrpc.getServiceDescriptor(),
        MonitorAdminGrpc.getServiceDescriptor());
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        assertThat(MethodGroups.of(method.getFullMethodName())).as(method.getFullMethodName()).isPresent();
      }
    }
  }

  @Test
  void of_tritonsRunTimeSettingsAndSharedMemory_haveTritonsGroups() {
    assertThat(MethodGroups.of("inference.GRPCInferenceService/TraceSetting")).contains(EndpointGroup.TRACE);
    assertThat(MethodGroups.of("inference.GRPCInferenceService/LogSettings")).contains(EndpointGroup.LOGGING);
    assertThat(MethodGroups.of("inference.GRPCInferenceService/SystemSharedMemoryRegister"))
        .contains(EndpointGroup.SHARED_MEMORY);
    assertThat(MethodGroups.of("inference.GRPCInferenceService/NoSuchMethod")).isEmpty();
  }
}
