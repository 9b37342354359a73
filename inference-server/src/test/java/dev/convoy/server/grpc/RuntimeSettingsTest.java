package dev.convoy.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.LogSettingsRequest;
import dev.convoy.proto.inference.LogSettingsResponse;
import dev.convoy.proto.inference.TraceSettingRequest;
import dev.convoy.proto.inference.TraceSettingResponse;
import dev.convoy.server.SampleModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** TraceSetting and LogSettings over the protocol: validation, answers, levels in force. */
class RuntimeSettingsTest {
  @TempDir static Path repository;
  private static InProcessInference inference;

  @BeforeAll
  static void start() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    inference = new InProcessInference(repository);
  }

  @AfterAll
  static void stop() {
    inference.close();
  }

  @Test
  void traceSetting_perModel_reportedForTheModelAndGlobalUntouched() {
    TraceSettingResponse model = inference.blocking.traceSetting(TraceSettingRequest.newBuilder()
        .setModelName("digits_mlp").putSettings("trace_rate", values("10")).build());
    TraceSettingResponse global = inference.blocking.traceSetting(TraceSettingRequest.getDefaultInstance());

    assertThat(model.getSettingsMap().get("trace_rate").getValueList()).containsExactly("10");
    assertThat(model.getSettingsMap()).containsKeys("trace_level", "trace_count", "log_frequency", "trace_file");
    assertThat(global.getSettingsMap().get("trace_rate").getValueList()).containsExactly("1");
  }

  @Test
  void traceSetting_badValueOrUnknownModel_statusNamesIt() {
    assertThatThrownBy(() -> inference.blocking.traceSetting(TraceSettingRequest.newBuilder()
        .putSettings("trace_level", values("TENSORS")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("trace_level");
        });
    assertThatThrownBy(() -> inference.blocking.traceSetting(TraceSettingRequest.newBuilder()
        .setModelName("made_up").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void logSettings_verboseOnThenInfoOff_levelsInForceForTheServersLoggers() {
    Logger logger = LoggerFactory.getLogger(InferenceService.class);
    try {
      LogSettingsResponse verbose = inference.blocking.logSettings(LogSettingsRequest.newBuilder()
          .putSettings("log_verbose_level", LogSettingsRequest.SettingValue.newBuilder().setUint32Param(1).build())
          .build());
      assertThat(verbose.getSettingsMap().get("log_verbose_level").getUint32Param()).isEqualTo(1);
      assertThat(logger.isDebugEnabled()).isTrue();

      LogSettingsResponse quiet = inference.blocking.logSettings(LogSettingsRequest.newBuilder()
          .putSettings("log_verbose_level", LogSettingsRequest.SettingValue.newBuilder().setUint32Param(0).build())
          .putSettings("log_info", LogSettingsRequest.SettingValue.newBuilder().setBoolParam(false).build())
          .build());
      assertThat(quiet.getSettingsMap().get("log_info").getBoolParam()).isFalse();
      assertThat(quiet.getSettingsMap().get("log_warnings").getBoolParam()).isTrue();
      assertThat(quiet.getSettingsMap().get("log_format").getStringParam()).isEqualTo("ISO8601");
      assertThat(logger.isDebugEnabled()).isFalse();
      assertThat(logger.isInfoEnabled()).isFalse();
      assertThat(logger.isWarnEnabled()).isTrue();
    } finally {
      inference.blocking.logSettings(LogSettingsRequest.newBuilder()
          .putSettings("log_info", LogSettingsRequest.SettingValue.newBuilder().setBoolParam(true).build()).build());
    }
  }

  @Test
  void logSettings_wrongTypeUnknownNameOrFile_invalidArgumentNamingTheSetting() {
    assertThatThrownBy(() -> inference.blocking.logSettings(LogSettingsRequest.newBuilder()
        .putSettings("log_info", LogSettingsRequest.SettingValue.newBuilder().setStringParam("yes").build()).build()))
        .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("log_info");
    assertThatThrownBy(() -> inference.blocking.logSettings(LogSettingsRequest.newBuilder()
        .putSettings("log_colour", LogSettingsRequest.SettingValue.newBuilder().setBoolParam(true).build()).build()))
        .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("log_colour");
    assertThatThrownBy(() -> inference.blocking.logSettings(LogSettingsRequest.newBuilder()
        .putSettings("log_file", LogSettingsRequest.SettingValue.newBuilder().setStringParam("/etc/x").build())
        .build()))
        .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("log_file");
  }

  private static TraceSettingRequest.SettingValue values(String... values) {
    return TraceSettingRequest.SettingValue.newBuilder().addAllValue(java.util.List.of(values)).build();
  }
}
