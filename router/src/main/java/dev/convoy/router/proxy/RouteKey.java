package dev.convoy.router.proxy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * The model and version a request is for. ModelInferRequest, ModelReadyRequest,
 * ModelMetadataRequest and ModelConfigRequest all carry the model name in field 1 and the
 * version in field 2, so one reader serves them all. Other fields are skipped without being
 * decoded; skipping a length-delimited field (a tensor) does not copy it.
 *
 * @param version empty: whichever version the backend serves by default
 */
public record RouteKey(String model, String version) {
  /** Field 1, wire type 2 (length-delimited): {@code (1 << 3) | 2}. */
  private static final int NAME_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  /** Field 2, wire type 2 (length-delimited). */
  private static final int VERSION_TAG = (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  /**
   * Reads fields 1 and 2 of a serialised request; the last occurrence wins, as in protobuf.
   *
   * @throws InvalidProtocolBufferException when the bytes are not a valid message
   */
  public static RouteKey parse(byte[] message) throws InvalidProtocolBufferException {
    CodedInputStream in = CodedInputStream.newInstance(message);
    String model = "";
    String version = "";
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == NAME_TAG) {
          model = in.readStringRequireUtf8();
        } else if (tag == VERSION_TAG) {
          version = in.readStringRequireUtf8();
        } else if (!in.skipField(tag)) {
          throw new InvalidProtocolBufferException("unexpected end-group tag");
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return new RouteKey(model, version);
  }

  /** {@code model 'm'} or {@code model 'm' version 'v'}, for error messages. */
  public String describe() {
    return "model '" + model + "'" + (version.isEmpty() ? "" : " version '" + version + "'");
  }
}
