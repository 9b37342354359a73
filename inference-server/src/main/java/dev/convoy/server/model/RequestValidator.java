package dev.convoy.server.model;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferParameter;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferRequest.InferInputTensor;
import dev.convoy.proto.inference.ModelInferRequest.InferRequestedOutputTensor;
import dev.convoy.server.classify.TopClasses;
import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.tensor.DataType;
import dev.convoy.server.tensor.Shapes;
import dev.convoy.server.tensor.WireTensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Checks a request's tensor names, datatypes and shapes against the model, before any data is
 * read. Every failure names the input or output and what the model expects. Sizes are computed
 * in exact arithmetic, so no shape overflows its way past the checks.
 */
public final class RequestValidator {
  /**
   * Heap a BYTES element costs once the runtime holds it as an object (array header, string,
   * its bytes' header, a reference), beyond its own bytes.
   */
  static final long BYTES_ELEMENT_OVERHEAD = 64;

  private RequestValidator() {}

  /**
   * What a valid request asks for.
   *
   * @param footprintBytes an estimate of the memory the request holds while in flight: its
   *     tensors as received plus their decoded form (for the memory budget)
   * @param classifications by output name, the number of top classes asked for with the
   *     requested-output parameter {@code classification}
   */
  public record Checked(long batchSize, List<String> outputs, long footprintBytes,
      Map<String, Integer> classifications) {}

  /** Triton's requested-output parameter: answer the top N classes instead of the tensor. */
  public static final String CLASSIFICATION = "classification";

  public static Checked check(ModelSpec spec, ModelInferRequest request) {
    Set<String> seen = new HashSet<>();
    long batchSize = 0;
    long footprint = 0;
    for (int i = 0; i < request.getInputsCount(); i++) {
      InferInputTensor input = request.getInputs(i);
      TensorSpec expected = spec.input(input.getName()).orElseThrow(() -> new InvalidInputException(
          "unexpected input '" + input.getName() + "'; model '" + spec.name() + "' takes "
              + names(spec.inputs())));
      if (!seen.add(input.getName())) {
        throw new InvalidInputException("input '" + input.getName() + "' is given twice");
      }
      checkType(expected, WireTensors.declaredType(input));
      long[] shape = WireTensors.shapeOf(input);
      checkShape(spec, expected, shape);
      footprint += footprint(expected.type(), shape, request, i);
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
    return new Checked(batchSize, requestedOutputs(spec, request), footprint, classifications(spec, request));
  }

  /** Bytes received for input {@code index} plus what decoding it into the runtime takes. */
  private static long footprint(DataType type, long[] shape, ModelInferRequest request, int index) {
    if (type.isFixedSize()) {
      return 2 * Shapes.byteSize(type, shape, request.getInputs(index).getName());
    }
    InferInputTensor input = request.getInputs(index);
    long count = Shapes.elementCount(shape);
    boolean raw = index < request.getRawInputContentsCount();
    long received = raw ? request.getRawInputContents(index).size()
        : input.getContents().getBytesContentsList().stream().mapToLong(ByteString::size).sum();
    // Each raw element takes at least its 4-byte length; each typed one is an entry.
    long mostElements = raw ? received / Integer.BYTES : input.getContents().getBytesContentsCount();
    if (count > mostElements) {
      throw new InvalidInputException("input '" + input.getName() + "': shape " + Shapes.format(shape)
          + " needs " + count + " BYTES elements, the data holds at most " + mostElements);
    }
    return 2 * received + BYTES_ELEMENT_OVERHEAD * count;
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
      return spec.outputNames();
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

  private static Map<String, Integer> classifications(ModelSpec spec, ModelInferRequest request) {
    if (request.getOutputsCount() == 0) {
      return Map.of();
    }
    Map<String, Integer> counts = new HashMap<>();
    for (InferRequestedOutputTensor output : request.getOutputsList()) {
      InferParameter parameter = output.getParametersMap().get(CLASSIFICATION);
      if (parameter == null) {
        continue;
      }
      long count = switch (parameter.getParameterChoiceCase()) {
        case INT64_PARAM -> parameter.getInt64Param();
        case UINT64_PARAM -> parameter.getUint64Param();
        default -> -1;
      };
      if (count < 1 || count > Integer.MAX_VALUE) {
        throw new InvalidInputException("output '" + output.getName() + "': parameter '" + CLASSIFICATION
            + "' must be a positive integer");
      }
      TopClasses.requireClassifiable(output.getName(), spec.output(output.getName()).orElseThrow().type());
      counts.put(output.getName(), (int) count);
    }
    return counts;
  }

  private static String names(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::name).toList().toString();
  }
}
