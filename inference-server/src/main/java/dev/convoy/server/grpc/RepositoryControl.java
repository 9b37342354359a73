package dev.convoy.server.grpc;

import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelRepositoryParameter;
import dev.convoy.proto.inference.RepositoryModelLoadRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.repository.ModelControl;
import dev.convoy.server.repository.ModelManager;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * RepositoryModelLoad and RepositoryModelUnload: refused unless the server runs with model
 * control {@code explicit}; their parameters checked; a load's {@code config} parameter (the
 * JSON of a ModelConfig, Triton's override) used for that load instead of config.pbtxt.
 */
final class RepositoryControl {
  static final String CONFIG = "config";
  /** Triton's file override: {@code file:<version>/<name>} with the file's bytes. */
  static final String FILE_PREFIX = "file:";
  private static final Set<String> LOAD_PARAMETERS = Set.of(CONFIG);
  /** Meaningful without ensembles, and so accepted. */
  private static final Set<String> UNLOAD_PARAMETERS = Set.of("unload_dependents");
  /** How much of a refused client string an error repeats. */
  private static final int ECHOED = 64;

  private final ModelManager models;
  private final ModelControl control;

  RepositoryControl(ModelManager models, ModelControl control) {
    this.models = models;
    this.control = control;
  }

  void load(RepositoryModelLoadRequest request) {
    requireExplicit("RepositoryModelLoad");
    requireServed(models, request.getRepositoryName());
    Map<String, ModelRepositoryParameter> parameters = request.getParametersMap();
    for (String key : new TreeSet<>(parameters.keySet())) {
      if (key.startsWith(FILE_PREFIX)) {
        throw invalid("RepositoryModelLoad parameter '" + echo(key) + "': file overrides are not supported:"
            + " they let a caller write model files on the server (the door of a Triton CVE);"
            + " put the files in the model repository");
      }
      if (!LOAD_PARAMETERS.contains(key)) {
        throw invalid("RepositoryModelLoad parameter '" + echo(key) + "' is not supported; supported: " + LOAD_PARAMETERS);
      }
    }
    models.load(request.getModelName(), configOverride(request.getModelName(), parameters.get(CONFIG)));
  }

  void unload(RepositoryModelUnloadRequest request) {
    requireExplicit("RepositoryModelUnload");
    requireServed(models, request.getRepositoryName());
    for (String key : new TreeSet<>(request.getParametersMap().keySet())) {
      if (!UNLOAD_PARAMETERS.contains(key)) {
        throw invalid("RepositoryModelUnload parameter '" + echo(key) + "' is not supported; supported: "
            + UNLOAD_PARAMETERS);
      }
    }
    models.unload(request.getModelName());
  }

  /** Refuses a repository name other than the one served; an empty name means it. */
  static void requireServed(ModelManager models, String repositoryName) {
    String served = models.repository().name();
    if (!repositoryName.isEmpty() && !repositoryName.equals(served)) {
      throw Status.NOT_FOUND.withDescription("unknown repository '" + echo(repositoryName)
          + "'; this server serves '" + served + "'").asRuntimeException();
    }
  }

  private static Optional<ModelConfig> configOverride(String model, ModelRepositoryParameter parameter) {
    if (parameter == null) {
      return Optional.empty();
    }
    if (parameter.getParameterChoiceCase() != ModelRepositoryParameter.ParameterChoiceCase.STRING_PARAM) {
      throw invalid("RepositoryModelLoad parameter '" + CONFIG + "' must be a string_param holding the model"
          + " configuration as JSON, got " + parameter.getParameterChoiceCase());
    }
    return Optional.of(ModelConfigParser.parseJson(model, parameter.getStringParam()));
  }

  private void requireExplicit(String method) {
    if (!control.allowsLoadAndUnload()) {
      throw Status.FAILED_PRECONDITION.withDescription(method + " refused: model control is disabled"
          + " (this server runs with --model-control-mode none); start it with --model-control-mode explicit"
          + " to load and unload models at run time").asRuntimeException();
    }
  }

  private static StatusRuntimeException invalid(String description) {
    return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
  }

  /** A client string as an error repeats it: control characters replaced, bounded. */
  private static String echo(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= ECHOED ? printable : printable.substring(0, ECHOED) + "...";
  }
}
