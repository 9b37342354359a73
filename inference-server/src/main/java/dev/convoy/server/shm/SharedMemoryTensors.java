package dev.convoy.server.shm;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferParameter;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferRequest.InferInputTensor;
import dev.convoy.proto.inference.ModelInferRequest.InferRequestedOutputTensor;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.server.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Triton's tensor parameters for shared memory: an input or a requested output names a region
 * ({@code shared_memory_region}), the bytes it takes ({@code shared_memory_byte_size}) and
 * where they start in the region ({@code shared_memory_offset}, default 0). Inputs are copied
 * out of their regions into the request, as if sent in {@code raw_input_contents}; answers'
 * outputs are written into their regions and leave the message with only their metadata.
 */
public final class SharedMemoryTensors {
  static final String REGION = "shared_memory_region";
  static final String BYTE_SIZE = "shared_memory_byte_size";
  static final String OFFSET = "shared_memory_offset";

  private final SharedMemoryRegions regions;

  public SharedMemoryTensors(SharedMemoryRegions regions) {
    this.regions = regions;
  }

  /** The request with every shared-memory input's bytes in {@code raw_input_contents}. */
  public ModelInferRequest readInputs(ModelInferRequest request) {
    if (!anyInputInRegion(request)) {
      return request;
    }
    ModelInferRequest.Builder resolved = request.toBuilder().clearRawInputContents();
    int nextRaw = 0;
    for (int i = 0; i < request.getInputsCount(); i++) {
      InferInputTensor input = request.getInputs(i);
      if (input.getParametersMap().containsKey(REGION)) {
        Window window = window("input '" + input.getName() + "'", input.getParametersMap());
        ByteBuffer bytes = window.view();
        resolved.setInputs(i, input.toBuilder().removeParameters(REGION).removeParameters(BYTE_SIZE)
            .removeParameters(OFFSET));
        resolved.addRawInputContents(ByteString.copyFrom(bytes));
      } else if (nextRaw < request.getRawInputContentsCount()) {
        resolved.addRawInputContents(request.getRawInputContents(nextRaw++));
      } else {
        throw new InvalidInputException("input '" + input.getName() + "': with inputs in shared memory, every other"
            + " input must travel in raw_input_contents, in order");
      }
    }
    if (nextRaw != request.getRawInputContentsCount()) {
      throw new InvalidInputException("raw_input_contents has " + request.getRawInputContentsCount()
          + " entries for " + nextRaw + " inputs outside shared memory");
    }
    return resolved.build();
  }

  /** The answer with every output the request placed in shared memory written there instead. */
  public ModelInferResponse writeOutputs(ModelInferRequest request, ModelInferResponse answer) {
    if (!anyOutputInRegion(request)) {
      return answer;
    }
    ModelInferResponse.Builder written = answer.toBuilder().clearRawOutputContents();
    for (int i = 0; i < answer.getOutputsCount(); i++) {
      ModelInferResponse.InferOutputTensor output = answer.getOutputs(i);
      InferRequestedOutputTensor asked = requested(request, output.getName());
      ByteString data = answer.getRawOutputContents(i);
      if (asked == null || !asked.getParametersMap().containsKey(REGION)) {
        written.addRawOutputContents(data);
        continue;
      }
      Window window = window("output '" + output.getName() + "'", asked.getParametersMap());
      if (data.size() > window.byteSize()) {
        throw new InvalidInputException("output '" + output.getName() + "': " + data.size() + " bytes do not fit "
            + BYTE_SIZE + " " + window.byteSize());
      }
      data.copyTo(window.view());
      written.setOutputs(i, output.toBuilder()
          .putParameters(REGION, InferParameter.newBuilder().setStringParam(window.region()).build())
          .putParameters(BYTE_SIZE, InferParameter.newBuilder().setInt64Param(data.size()).build()));
    }
    return written.build();
  }

  // Both checks run on every request, almost always to find nothing: loops, no streams.
  private static boolean anyInputInRegion(ModelInferRequest request) {
    for (int i = 0; i < request.getInputsCount(); i++) {
      if (request.getInputs(i).containsParameters(REGION)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyOutputInRegion(ModelInferRequest request) {
    for (int i = 0; i < request.getOutputsCount(); i++) {
      if (request.getOutputs(i).containsParameters(REGION)) {
        return true;
      }
    }
    return false;
  }

  private static InferRequestedOutputTensor requested(ModelInferRequest request, String name) {
    return request.getOutputsList().stream().filter(o -> o.getName().equals(name)).findFirst().orElse(null);
  }

  /** The bytes a tensor takes in its region, checked against the region's bounds. */
  private record Window(String region, ByteBuffer memory, long offset, long byteSize) {
    ByteBuffer view() {
      return memory.duplicate().position((int) offset).limit((int) (offset + byteSize)).slice();
    }
  }

  private Window window(String tensor, Map<String, InferParameter> parameters) {
    InferParameter region = parameters.get(REGION);
    if (region.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.STRING_PARAM) {
      throw new InvalidInputException(tensor + ": parameter " + REGION + " must be a string");
    }
    SharedMemoryRegions.Region registered = regions.region(region.getStringParam());
    long byteSize = integer(tensor, parameters, BYTE_SIZE, -1);
    long offset = integer(tensor, parameters, OFFSET, 0);
    if (byteSize < 0 || offset < 0 || offset > registered.byteSize() || byteSize > registered.byteSize() - offset) {
      throw new InvalidInputException(tensor + ": " + BYTE_SIZE + " " + byteSize + " at " + OFFSET + " " + offset
          + " does not fit region '" + registered.name() + "' of " + registered.byteSize() + " bytes");
    }
    return new Window(registered.name(), registered.memory(), offset, byteSize);
  }

  private static long integer(String tensor, Map<String, InferParameter> parameters, String name, long absent) {
    InferParameter parameter = parameters.get(name);
    if (parameter == null) {
      if (absent < 0) {
        throw new InvalidInputException(tensor + ": parameter " + name + " is missing");
      }
      return absent;
    }
    return switch (parameter.getParameterChoiceCase()) {
      case INT64_PARAM -> parameter.getInt64Param();
      case UINT64_PARAM -> parameter.getUint64Param();
      default -> throw new InvalidInputException(tensor + ": parameter " + name + " must be an integer");
    };
  }
}
