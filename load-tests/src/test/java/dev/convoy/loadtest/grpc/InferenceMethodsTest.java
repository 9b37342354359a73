package dev.convoy.loadtest.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelMetadataRequest;
import org.junit.jupiter.api.Test;

class InferenceMethodsTest {

  @Test
  void resolve_dottedName_findsMethod() {
    assertThat(InferenceMethods.resolve("inference.GRPCInferenceService.ModelInfer")
        .getFullMethodName()).isEqualTo("inference.GRPCInferenceService/ModelInfer");
  }

  @Test
  void resolve_slashName_findsMethod() {
    assertThat(InferenceMethods.resolve("inference.GRPCInferenceService/ModelMetadata")
        .getBareMethodName()).isEqualTo("ModelMetadata");
  }

  @Test
  void resolve_bareNameAnyCase_findsMethod() {
    assertThat(InferenceMethods.resolve("serverlive").getBareMethodName()).isEqualTo("ServerLive");
  }

  @Test
  void resolve_unknownMethod_listsValidOnes() {
    assertThatThrownBy(() -> InferenceMethods.resolve("inference.GRPCInferenceService.Nope"))
        .isInstanceOf(UnknownMethodException.class)
        .hasMessageContaining("unknown method 'inference.GRPCInferenceService.Nope'")
        .hasMessageContaining("inference.GRPCInferenceService.ModelInfer")
        .hasMessageContaining("inference.GRPCInferenceService.ServerLive");
  }

  @Test
  void resolve_wrongService_rejected() {
    assertThatThrownBy(() -> InferenceMethods.resolve("other.Service.ModelInfer"))
        .isInstanceOf(UnknownMethodException.class);
  }

  @Test
  void resolve_modelStreamInfer_theStreamingMethodRunsCanCall() {
    var method = InferenceMethods.resolve("inference.GRPCInferenceService.ModelStreamInfer");

    assertThat(InferenceMethods.isStream(method)).isTrue();
    assertThat(InferenceMethods.isStream(InferenceMethods.resolve("ModelInfer"))).isFalse();
    assertThat(InferenceMethods.callableMethodNames())
        .contains("inference.GRPCInferenceService.ModelStreamInfer");
  }

  @Test
  void requestPrototype_method_isTheRequestType() {
    assertThat(InferenceMethods.requestPrototype(InferenceMethods.resolve("ModelInfer")))
        .isEqualTo(ModelInferRequest.getDefaultInstance());
    assertThat(InferenceMethods.requestPrototype(InferenceMethods.resolve("ModelMetadata")))
        .isEqualTo(ModelMetadataRequest.getDefaultInstance());
  }

  @Test
  void unaryMethodNames_service_excludesStreamingMethod() {
    assertThat(InferenceMethods.unaryMethodNames())
        .contains("inference.GRPCInferenceService.ModelReady")
        .doesNotContain("inference.GRPCInferenceService.ModelStreamInfer");
  }
}
