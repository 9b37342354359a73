package dev.convoy.loadtest.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallTemplateTest {

  private static final Descriptors.MethodDescriptor INFER = ((ProtoFileDescriptorSupplier)
      GRPCInferenceServiceGrpc.getServiceDescriptor().getSchemaDescriptor())
      .getFileDescriptor().findServiceByName("GRPCInferenceService")
      .findMethodByName("ModelInfer");
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123456789Z");

  private static CallData call(long n) {
    return CallData.of(INFER, "w3", n, NOW, new Random(7));
  }

  @Test
  void render_callDataFields_ghzValues() throws Exception {
    CallTemplate t = CallTemplate.parse("{{.RequestNumber}}|{{.WorkerID}}|{{.FullyQualifiedName}}"
        + "|{{.MethodName}}|{{.ServiceName}}|{{.InputName}}|{{.OutputName}}"
        + "|{{.IsClientStreaming}}|{{.IsServerStreaming}}|{{.Timestamp}}|{{.TimestampUnix}}"
        + "|{{.TimestampUnixMilli}}|{{.TimestampUnixNano}}", true, "test");

    assertThat(t.render(call(42))).isEqualTo("42|w3|inference.GRPCInferenceService.ModelInfer"
        + "|ModelInfer|GRPCInferenceService|ModelInferRequest|ModelInferResponse|false|false"
        + "|2025-06-01T12:00:00Z|1748779200|1748779200123|1748779200123456789");
  }

  @Test
  void render_functions_shapesAsGhz() throws Exception {
    CallTemplate t = CallTemplate.parse("{{randomString 8}} {{randomInt 1 10}} {{newUUID}}"
        + " {{.UUID}} {{.UUID}}", true, "test");

    String[] parts = t.render(call(0)).split(" ");

    assertThat(parts[0]).matches("[a-zA-Z0-9]{8}");
    assertThat(Integer.parseInt(parts[1])).isBetween(1, 9);
    assertThat(parts[2])
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(parts[3]).isEqualTo(parts[4]).isNotEqualTo(parts[2]);
  }

  @Test
  void parse_noActions_sentAsWritten() throws Exception {
    assertThat(CallTemplate.parse("{\"a\":1}", true, "test").hasActions()).isFalse();
  }

  @Test
  void parse_unsupportedActionOrDisabledFunctions_namedErrors() {
    assertThatThrownBy(() -> CallTemplate.parse("{{ upper .Name }}", true, "call data"))
        .isInstanceOf(InputException.class).hasMessageContaining("unsupported template action");
    assertThatThrownBy(() -> CallTemplate.parse("{{randomInt 1 10}}", false, "call data"))
        .hasMessageContaining("--disable-template-functions");
  }
}
