package dev.convoy.server.model;

import com.google.protobuf.TextFormat;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.server.error.InvalidModelConfigException;

/** Parses config.pbtxt text (Triton's TextFormat) and validates it into a {@link ModelSpec}. */
public final class ModelConfigParser {
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
          "model '" + modelName + "': config.pbtxt: " + e.getMessage(), e);
    }
    return new ModelConfigValidator(modelName, builder.build()).validate();
  }
}
