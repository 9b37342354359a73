package dev.convoy.batch.job;

import dev.convoy.proto.inference.DataType;
import dev.convoy.proto.inference.ModelConfig;
import java.util.List;

/**
 * What a CSV row becomes: the model's single input, its datatype and its dimensions per row.
 *
 * @param version "" for the server's default
 * @param maxBatchSize 0: the model takes no batch dimension, so one row per request
 * @param dims per row, without the batch dimension; -1 (variable) is taken from the row
 */
public record InputSpec(String model, String version, int maxBatchSize, String inputName, String datatype,
    List<Long> dims) {

  public InputSpec {
    dims = List.copyOf(dims);
  }

  /** @throws IllegalArgumentException when the model cannot take CSV rows (not exactly one input, unsupported type) */
  public static InputSpec of(ModelConfig config, String version) {
    if (config.getInputCount() != 1) {
      throw new IllegalArgumentException("model '" + config.getName() + "' has " + config.getInputCount()
          + " inputs; CSV rows feed a model with exactly one (use JSONL requests for others)");
    }
    dev.convoy.proto.inference.ModelInput input = config.getInput(0);
    return new InputSpec(config.getName(), version, config.getMaxBatchSize(), input.getName(),
        wireDatatype(input.getDataType()), input.getDimsList());
  }

  private static String wireDatatype(DataType type) {
    return switch (type) {
      case TYPE_FP32 -> "FP32";
      case TYPE_FP64 -> "FP64";
      case TYPE_INT32 -> "INT32";
      case TYPE_INT64 -> "INT64";
      default -> throw new IllegalArgumentException("CSV values cannot feed an input of type " + type
          + "; supported: TYPE_FP32, TYPE_FP64, TYPE_INT32, TYPE_INT64");
    };
  }

  public boolean batched() {
    return maxBatchSize > 0;
  }
}
