package dev.convoy.server.tensor;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferRequest.InferInputTensor;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelInferResponse.InferOutputTensor;
import dev.convoy.server.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads request tensors off the wire and writes response tensors onto it. */
public final class WireTensors {
  private WireTensors() {}

  /**
   * The request's input tensors, with data sizes checked against their declared shapes.
   * Names, datatypes and shapes against the model are checked separately, before this.
   */
  public static List<Tensor> decodeInputs(ModelInferRequest request) {
    boolean raw = request.getRawInputContentsCount() > 0;
    if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
      throw new InvalidInputException("raw_input_contents has " + request.getRawInputContentsCount()
          + " entries for " + request.getInputsCount() + " inputs; it needs one per input, in order");
    }
    List<Tensor> tensors = new ArrayList<>(request.getInputsCount());
    for (int i = 0; i < request.getInputsCount(); i++) {
      InferInputTensor input = request.getInputs(i);
      tensors.add(raw ? fromRaw(input, request.getRawInputContents(i)) : fromTyped(input));
    }
    return tensors;
  }

  /** The protocol datatype an input declares, or an error naming the input. */
  public static DataType declaredType(InferInputTensor input) {
    return DataType.fromProtocolName(input.getDatatype()).orElseThrow(() -> new InvalidInputException(
        "input '" + input.getName() + "': unknown datatype '" + input.getDatatype() + "'"));
  }

  /**
   * Adds output tensors to a response, always in {@code raw_output_contents} as Triton answers
   * (tritonclient reads outputs from there only), whichever form the request's inputs took.
   */
  public static void encodeOutputs(List<Tensor> outputs, ModelInferResponse.Builder response) {
    for (Tensor tensor : outputs) {
      InferOutputTensor.Builder out = response.addOutputsBuilder()
          .setName(tensor.name())
          .setDatatype(tensor.type().protocolName());
      for (long dim : tensor.shape()) {
        out.addShape(dim);
      }
      response.addRawOutputContents(UnsafeByteOperations.unsafeWrap(tensor.dataView()));
    }
  }

  private static Tensor fromRaw(InferInputTensor input, ByteString raw) {
    if (input.hasContents()) {
      throw new InvalidInputException("input '" + input.getName()
          + "': has both contents and raw_input_contents; send one or the other");
    }
    DataType type = declaredType(input);
    long[] shape = shapeOf(input);
    long count = Shapes.elementCount(shape);
    ByteBuffer data = raw.asReadOnlyByteBuffer();
    if (type.isFixedSize()) {
      long expected = Shapes.byteSize(type, shape, input.getName());
      if (data.remaining() != expected) {
        throw new InvalidInputException("input '" + input.getName() + "': expected " + expected
            + " bytes for " + type + " " + Shapes.format(shape) + ", got " + data.remaining());
      }
    } else {
      BytesElements.check(data, count, input.getName());
    }
    return new Tensor(input.getName(), type, shape, data);
  }

  private static Tensor fromTyped(InferInputTensor input) {
    DataType type = declaredType(input);
    long[] shape = shapeOf(input);
    ByteBuffer data = TypedContents.toRaw(input.getName(), type, Shapes.elementCount(shape), input.getContents());
    return new Tensor(input.getName(), type, shape, data);
  }

  /**
   * The input's shape, read without boxing.
   *
   * @throws dev.convoy.server.error.InvalidInputException when its element count overflows
   */
  public static long[] shapeOf(InferInputTensor input) {
    long[] shape = new long[input.getShapeCount()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = input.getShape(i);
    }
    Shapes.requireCountable(shape, input.getName());
    return shape;
  }
}
