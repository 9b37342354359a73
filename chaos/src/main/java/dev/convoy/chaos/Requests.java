package dev.convoy.chaos;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Requests for the sample models, well-formed and otherwise, and the raw-bytes method that sends anything. */
final class Requests {
  /** ModelInfer with the request as bytes, so malformed messages can be sent. */
  static final MethodDescriptor<byte[], ModelInferResponse> RAW_INFER =
      GRPCInferenceServiceGrpc.getModelInferMethod().toBuilder(BytesMarshaller.INSTANCE,
          GRPCInferenceServiceGrpc.getModelInferMethod().getResponseMarshaller()).build();

  /** typed_identity's inputs: name, datatype, bytes of one element (4 for an empty BYTES element). */
  private static final String[][] TYPED_INPUTS = {{"in_bool", "BOOL", "1"}, {"in_int8", "INT8", "1"},
      {"in_int16", "INT16", "2"}, {"in_int32", "INT32", "4"}, {"in_int64", "INT64", "8"}, {"in_uint8", "UINT8", "1"},
      {"in_fp32", "FP32", "4"}, {"in_fp64", "FP64", "8"}, {"in_bytes", "BYTES", "4"}};

  private Requests() {}

  /** One digits_mlp row of zeros. */
  static ModelInferRequest digits() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
    return request.addRawInputContents(ByteString.copyFrom(new byte[64 * Float.BYTES])).build();
  }

  /** The same for {@code model}, a digits_mlp twin. */
  static ModelInferRequest digits(String model) {
    return digits().toBuilder().setModelName(model).build();
  }

  /**
   * typed_identity with input {@code name} given as {@code shape} and {@code raw}, every other
   * input one zero element.
   */
  static ModelInferRequest typedIdentity(String name, long[] shape, ByteString raw) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
    for (String[] input : TYPED_INPUTS) {
      ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder().setName(input[0])
          .setDatatype(input[1]);
      if (input[0].equals(name)) {
        for (long dim : shape) {
          tensor.addShape(dim);
        }
        request.addRawInputContents(raw);
      } else {
        tensor.addShape(1);
        request.addRawInputContents(ByteString.copyFrom(new byte[Integer.parseInt(input[2])]));
      }
    }
    return request.build();
  }

  /** {@code count} empty BYTES elements: each a zero 4-byte length. */
  static ModelInferRequest emptyBytesElements(int count) {
    return typedIdentity("in_bytes", new long[] {count}, ByteString.copyFrom(new byte[count * Integer.BYTES]));
  }

  private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
