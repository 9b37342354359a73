package dev.convoy.loadtest.input;

import dev.convoy.proto.inference.ModelMetadataResponse;
import dev.convoy.proto.inference.ModelMetadataResponse.TensorMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Concrete input shapes from a model's metadata: a leading -1 is the batch dimension and
 * becomes the batch size (the protocol marks a batching model's first dimension -1), any other
 * -1 becomes 1. {@code --input-shape} overrides win.
 */
public final class ModelInputs {

  private ModelInputs() {}

  /**
   * @throws InputException when the model has no inputs, an unknown datatype, or an override
   *     names no input
   */
  public static List<InputSpec> resolve(
      ModelMetadataResponse metadata, int batchSize, List<ShapeOverride> overrides)
      throws InputException {
    if (batchSize < 1) {
      throw new InputException("--batch-size must be at least 1, got " + batchSize);
    }
    if (metadata.getInputsCount() == 0) {
      throw new InputException(
          "model '" + metadata.getName() + "' lists no inputs in its metadata");
    }
    checkOverrideNames(metadata, overrides);
    List<InputSpec> specs = new ArrayList<>();
    for (int i = 0; i < metadata.getInputsCount(); i++) {
      TensorMetadata input = metadata.getInputs(i);
      Datatype datatype =
          Datatype.of(input.getDatatype())
              .orElseThrow(
                  () -> new InputException(
                      "model '" + metadata.getName() + "' input '" + input.getName()
                          + "' has unknown datatype '" + input.getDatatype() + "'"));
      boolean batched = input.getShapeCount() > 0 && input.getShape(0) == -1;
      List<Long> shape = overrideFor(input.getName(), i, overrides);
      if (shape == null) {
        shape = concreteShape(metadata.getName(), input, batchSize);
      }
      specs.add(new InputSpec(input.getName(), datatype, shape, batched && !shape.isEmpty()));
    }
    return specs;
  }

  private static List<Long> concreteShape(String model, TensorMetadata input, int batchSize)
      throws InputException {
    List<Long> shape = new ArrayList<>();
    for (int d = 0; d < input.getShapeCount(); d++) {
      long dim = input.getShape(d);
      if (dim == -1) {
        shape.add(d == 0 ? batchSize : 1L);
      } else if (dim < 0) {
        throw new InputException(
            "model '" + model + "' input '" + input.getName() + "' has dimension " + dim);
      } else {
        shape.add(dim);
      }
    }
    return shape;
  }

  private static List<Long> overrideFor(String name, int position, List<ShapeOverride> overrides) {
    for (ShapeOverride override : overrides) {
      if (name.equals(override.name()) || (override.name() == null && position == 0)) {
        return override.shape();
      }
    }
    return null;
  }

  private static void checkOverrideNames(
      ModelMetadataResponse metadata, List<ShapeOverride> overrides) throws InputException {
    List<String> names = metadata.getInputsList().stream().map(TensorMetadata::getName).toList();
    for (ShapeOverride override : overrides) {
      if (override.name() != null && !names.contains(override.name())) {
        throw new InputException(
            "--input-shape names input '" + override.name() + "' but model '"
                + metadata.getName() + "' has inputs " + names);
      }
    }
  }
}
