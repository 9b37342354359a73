package dev.convoy.server.model;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferRequest.InferInputTensor;
import dev.convoy.proto.inference.ModelInferRequest.InferRequestedOutputTensor;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Shapes;
import dev.convoy.server.tensor.WireTensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a request's tensor names, datatypes and shapes against the model, before any data is
 * read. Every failure names the input or output and what the model expects.
 */
public final class RequestValidator {
  private RequestValidator() {}

  /** What a valid request asks for. */
  public record Checked(long batchSize, List<String> outputs) {}

  public static Checked check(ModelSpec spec, ModelInferRequest request) {
    Set<String> seen = new HashSet<>();
    long batchSize = 0;
    for (InferInputTensor input : request.getInputsList()) {
      TensorSpec expected = spec.input(input.getName()).orElseThrow(() -> new InvalidInputException(
          "unexpected input '" + input.getName() + "'; model '" + spec.name() + "' takes "
              + names(spec.inputs())));
      if (!seen.add(input.getName())) {
        throw new InvalidInputException("input '" + input.getName() + "' is given twice");
      }
      checkType(expected, WireTensors.declaredType(input));
      long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
      checkShape(spec, expected, shape);
      if (spec.batched()) {
        batchSize = sameBatch(batchSize, shape[0], input.getName());
      }
    }
    for (TensorSpec expected : spec.inputs()) {
      if (!seen.contains(expected.name())) {
        throw new InvalidInputException("missing input '" + expected.name() + "': model '"
            + spec.name() + "' expects " + expected.type() + " "
            + Shapes.format(expected.shapePattern(spec.batched())));
      }
    }
    return new Checked(batchSize, requestedOutputs(spec, request));
  }

  private static void checkType(TensorSpec expected, DataType actual) {
    if (actual != expected.type()) {
      throw new InvalidInputException("input '" + expected.name() + "': expected datatype "
          + expected.type() + ", got " + actual);
    }
  }

  private static void checkShape(ModelSpec spec, TensorSpec expected, long[] shape) {
    long[] pattern = expected.shapePattern(spec.batched());
    if (!Shapes.matches(pattern, shape)) {
      throw new InvalidInputException("input '" + expected.name() + "': expected shape "
          + Shapes.format(pattern) + ", got " + Shapes.format(shape));
    }
    if (spec.batched() && (shape[0] < 1 || shape[0] > spec.maxBatchSize())) {
      throw new InvalidInputException("input '" + expected.name() + "': batch size " + shape[0]
          + " is outside 1.." + spec.maxBatchSize() + " (max_batch_size)");
    }
  }

  private static long sameBatch(long batchSoFar, long batch, String input) {
    if (batchSoFar != 0 && batchSoFar != batch) {
      throw new InvalidInputException("input '" + input + "': batch size " + batch
          + " differs from the other inputs' " + batchSoFar);
    }
    return batch;
  }

  private static List<String> requestedOutputs(ModelSpec spec, ModelInferRequest request) {
    if (request.getOutputsCount() == 0) {
      return spec.outputs().stream().map(TensorSpec::name).toList();
    }
    List<String> names = new ArrayList<>();
    for (InferRequestedOutputTensor output : request.getOutputsList()) {
      if (spec.output(output.getName()).isEmpty()) {
        throw new InvalidInputException("unknown output '" + output.getName() + "'; model '"
            + spec.name() + "' produces " + names(spec.outputs()));
      }
      if (names.contains(output.getName())) {
        throw new InvalidInputException("output '" + output.getName() + "' is requested twice");
      }
      names.add(output.getName());
    }
    return names;
  }

  private static String names(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::name).toList().toString();
  }
}
