package dev.convoy.server.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.server.error.InvalidModelConfigException;

/**
 * Parses config.pbtxt text (Triton's TextFormat), or the JSON of a RepositoryModelLoad
 * {@code config} parameter, and validates it into a {@link ModelSpec}.
 */
public final class ModelConfigParser {
  /** How errors name a config.pbtxt. */
  public static final String FILE_SOURCE = "config.pbtxt";
  /** How errors name the config given with RepositoryModelLoad. */
  public static final String OVERRIDE_SOURCE = "load parameter 'config'";

  private ModelConfigParser() {}

  /**
   * @param modelName the model's directory name, which the config's name must match
   * @throws InvalidModelConfigException naming the field that is unknown, malformed or unsupported
   */
  public static ModelSpec parse(String modelName, String text) {
    ModelConfig.Builder builder = ModelConfig.newBuilder();
    try {
      TextFormat.getParser().merge(text, builder);
    } catch (TextFormat.ParseException e) {
      throw new InvalidModelConfigException(
          "model '" + modelName + "': " + FILE_SOURCE + ": " + e.getMessage(), e);
    }
    return validate(modelName, builder.build(), FILE_SOURCE);
  }

  /**
   * Parses the JSON form of Triton's ModelConfig (protobuf's JSON mapping: field names as in
   * model_config.proto or in lowerCamelCase, enums by name). A field Convoy's ModelConfig lacks
   * is refused, naming it, as config.pbtxt's parser refuses it.
   *
   * @throws InvalidModelConfigException when the text is not such JSON
   */
  public static ModelConfig parseJson(String modelName, String json) {
    ModelConfig.Builder builder = ModelConfig.newBuilder();
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidModelConfigException(
          "model '" + modelName + "': " + OVERRIDE_SOURCE + ": not a ModelConfig in JSON: " + e.getMessage(), e);
    }
    return builder.build();
  }

  /**
   * @param source how errors name where the config came from ({@link #FILE_SOURCE},
   *     {@link #OVERRIDE_SOURCE})
   */
  public static ModelSpec validate(String modelName, ModelConfig config, String source) {
    return new ModelConfigValidator(modelName, config, source).validate();
  }
}
