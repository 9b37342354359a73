package dev.convoy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model repository the chaos servers serve: digits_mlp and typed_identity from the sample
 * models, and digits_slowq, digits_mlp behind a batcher that waits 2 s for a batch to fill.
 */
final class ChaosRepository {
  private static final String SLOW_QUEUE_CONFIG = """
      name: "digits_slowq"
      platform: "onnxruntime_onnx"
      max_batch_size: 128
      input [ { name: "input" data_type: TYPE_FP32 dims: [ 64 ] } ]
      output [
        { name: "logits" data_type: TYPE_FP32 dims: [ 10 ] },
        { name: "probabilities" data_type: TYPE_FP32 dims: [ 10 ] }
      ]
      dynamic_batching { max_queue_delay_microseconds: 2000000 }
      instance_group [ { count: 1 kind: KIND_CPU } ]
      """;

  private ChaosRepository() {}

  static Path create(Path root, Path into) throws IOException {
    Path models = root.resolve("models");
    for (String model : new String[] {"digits_mlp", "typed_identity"}) {
      copyModel(models.resolve(model), into.resolve(model));
    }
    Path slow = into.resolve(CancelCase.MODEL);
    Files.createDirectories(slow.resolve("1"));
    Files.copy(models.resolve("digits_mlp/1/model.onnx"), slow.resolve("1/model.onnx"));
    Files.writeString(slow.resolve("config.pbtxt"), SLOW_QUEUE_CONFIG);
    return into;
  }

  private static void copyModel(Path from, Path to) throws IOException {
    Files.createDirectories(to.resolve("1"));
    Files.copy(from.resolve("config.pbtxt"), to.resolve("config.pbtxt"));
    Files.copy(from.resolve("1/model.onnx"), to.resolve("1/model.onnx"));
  }
}
