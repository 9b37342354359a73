package dev.convoy.server.grpc;

import dev.convoy.proto.inference.LogSettingsRequest;
import dev.convoy.proto.inference.LogSettingsResponse;
import dev.convoy.proto.inference.TraceSettingRequest;
import dev.convoy.proto.inference.TraceSettingResponse;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.error.ModelNotFoundException;
import dev.convoy.server.logging.LogLevels;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.telemetry.TraceControl;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TraceSetting and LogSettings (Triton's trace and logging extensions): the request checked,
 * applied all or nothing, and the settings now in force answered.
 */
final class SettingsCalls {
  static final String LOG_INFO = "log_info";
  static final String LOG_WARNINGS = "log_warnings";
  static final String LOG_ERRORS = "log_errors";
  static final String LOG_VERBOSE_LEVEL = "log_verbose_level";
  static final String LOG_FORMAT = "log_format";
  static final String LOG_FILE = "log_file";
  private static final Set<String> LOG_NAMES =
      Set.of(LOG_INFO, LOG_WARNINGS, LOG_ERRORS, LOG_VERBOSE_LEVEL, LOG_FORMAT, LOG_FILE);
  /** The timestamps of the server's log lines are ISO 8601 ones. */
  private static final String FORMAT = "ISO8601";

  private final ModelManager models;
  private final TraceControl traces;
  private final Optional<LogLevels> logLevels;

  SettingsCalls(ModelManager models, TraceControl traces, Optional<LogLevels> logLevels) {
    this.models = models;
    this.traces = traces;
    this.logLevels = logLevels;
  }

  TraceSettingResponse traceSetting(TraceSettingRequest request) {
    String model = request.getModelName();
    if (!model.isEmpty() && models.entry(model).isEmpty() && !models.repository().modelNames().contains(model)) {
      throw new ModelNotFoundException("trace settings for unknown model '" + model + "'");
    }
    if (request.getSettingsCount() > 0) {
      Map<String, List<String>> changes = new LinkedHashMap<>();
      request.getSettingsMap().forEach((name, value) -> changes.put(name, value.getValueList()));
      traces.update(model, changes);
    }
    TraceSettingResponse.Builder response = TraceSettingResponse.newBuilder();
    traces.settings(model).forEach((name, values) ->
        response.putSettings(name, TraceSettingResponse.SettingValue.newBuilder().addAllValue(values).build()));
    return response.build();
  }

  LogSettingsResponse logSettings(LogSettingsRequest request) {
    LogLevels levels = logLevels.orElseThrow(() -> Status.FAILED_PRECONDITION.withDescription(
        "log levels cannot change at run time: the server's logging backend is not Logback").asRuntimeException());
    LogLevels.Settings now = levels.current();
    boolean info = now.info();
    boolean warnings = now.warnings();
    boolean errors = now.errors();
    int verbose = now.verboseLevel();
    for (Map.Entry<String, LogSettingsRequest.SettingValue> setting : request.getSettingsMap().entrySet()) {
      String name = setting.getKey();
      LogSettingsRequest.SettingValue value = setting.getValue();
      switch (name) {
        case LOG_INFO -> info = bool(name, value);
        case LOG_WARNINGS -> warnings = bool(name, value);
        case LOG_ERRORS -> errors = bool(name, value);
        case LOG_VERBOSE_LEVEL -> verbose = verboseLevel(value);
        case LOG_FORMAT -> fixedString(name, value, FORMAT, "the log format is " + FORMAT);
        case LOG_FILE -> fixedString(name, value, "", "logs go to standard error; the log file cannot change");
        default -> throw new InvalidInputException("unknown log setting '" + bounded(name) + "'; known: " + LOG_NAMES);
      }
    }
    LogLevels.Settings next = new LogLevels.Settings(info, warnings, errors, verbose);
    if (!next.equals(now)) {
      levels.apply(next);
    }
    return LogSettingsResponse.newBuilder()
        .putSettings(LOG_FILE, string(""))
        .putSettings(LOG_INFO, bool(next.info()))
        .putSettings(LOG_WARNINGS, bool(next.warnings()))
        .putSettings(LOG_ERRORS, bool(next.errors()))
        .putSettings(LOG_VERBOSE_LEVEL, LogSettingsResponse.SettingValue.newBuilder()
            .setUint32Param(next.verboseLevel()).build())
        .putSettings(LOG_FORMAT, string(FORMAT))
        .build();
  }

  private static boolean bool(String name, LogSettingsRequest.SettingValue value) {
    if (value.getParameterChoiceCase() != LogSettingsRequest.SettingValue.ParameterChoiceCase.BOOL_PARAM) {
      throw new InvalidInputException("log setting '" + name + "' takes a bool_param");
    }
    return value.getBoolParam();
  }

  private static int verboseLevel(LogSettingsRequest.SettingValue value) {
    if (value.getParameterChoiceCase() != LogSettingsRequest.SettingValue.ParameterChoiceCase.UINT32_PARAM) {
      throw new InvalidInputException("log setting '" + LOG_VERBOSE_LEVEL + "' takes a uint32_param");
    }
    // uint32 arrives in a Java int: a value past 2^31 reads negative and means "everything".
    return value.getUint32Param() < 0 ? Integer.MAX_VALUE : value.getUint32Param();
  }

  private static void fixedString(String name, LogSettingsRequest.SettingValue value, String only, String why) {
    if (value.getParameterChoiceCase() != LogSettingsRequest.SettingValue.ParameterChoiceCase.STRING_PARAM) {
      throw new InvalidInputException("log setting '" + name + "' takes a string_param");
    }
    if (!value.getStringParam().equals(only)) {
      throw new InvalidInputException("log setting '" + name + "' cannot be '" + bounded(value.getStringParam())
          + "': " + why);
    }
  }

  private static LogSettingsResponse.SettingValue bool(boolean value) {
    return LogSettingsResponse.SettingValue.newBuilder().setBoolParam(value).build();
  }

  private static LogSettingsResponse.SettingValue string(String value) {
    return LogSettingsResponse.SettingValue.newBuilder().setStringParam(value).build();
  }

  private static String bounded(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "...";
  }
}
