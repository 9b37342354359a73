package dev.convoy.router.proxy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Status;
import java.io.IOException;

/**
 * The ModelStreamInferResponse messages the router writes on a client's stream, made from the
 * bytes of a unary answer or from a status, without decoding tensors.
 */
final class StreamAnswers {
  /** ModelStreamInferResponse.infer_response is field 2. */
  private static final int INFER_RESPONSE_FIELD = 2;
  /** ModelInferRequest fields 1, 2, 3: model_name, model_version, id. */
  private static final int NAME_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int VERSION_TAG = (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int ID_TAG = (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private StreamAnswers() {}

  /** {@code ModelStreamInferResponse{infer_response = <inferResponse>}}, the answer copied once. */
  static byte[] answered(byte[] inferResponse) {
    byte[] out = new byte[CodedOutputStream.computeByteArraySize(INFER_RESPONSE_FIELD, inferResponse)];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      stream.writeByteArray(INFER_RESPONSE_FIELD, inferResponse);
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the buffer was sized for the message", e);
    }
    return out;
  }

  /**
   * The answer to a request that failed with {@code status}, as the .proto defines it:
   * {@code error_message = "<CODE>: <description>"}, and the request's model name, version and
   * id (those that can be read from it).
   */
  static byte[] failed(Status status, byte[] request) {
    String description = status.getDescription() == null ? "" : status.getDescription();
    return ModelStreamInferResponse.newBuilder()
        .setErrorMessage(status.getCode() + ": " + description)
        .setInferResponse(identity(request))
        .build().toByteArray();
  }

  /** Fields 1 to 3 of a ModelInferRequest; what precedes a malformed part, if any. */
  private static ModelInferResponse identity(byte[] request) {
    ModelInferResponse.Builder identity = ModelInferResponse.newBuilder();
    CodedInputStream in = CodedInputStream.newInstance(request);
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == NAME_TAG) {
          identity.setModelName(in.readStringRequireUtf8());
        } else if (tag == VERSION_TAG) {
          identity.setModelVersion(in.readStringRequireUtf8());
        } else if (tag == ID_TAG) {
          identity.setId(in.readStringRequireUtf8());
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      // Unreadable past this point: answer with what was read.
    }
    return identity.build();
  }
}
