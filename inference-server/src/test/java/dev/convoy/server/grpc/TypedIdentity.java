package dev.convoy.server.grpc;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Requests for the sample identity models: one 3-element tensor per datatype. */
final class TypedIdentity {
  private TypedIdentity() {}

  /** Typed contents for every datatype that has a typed field, keyed by input name. */
  static Map<String, InferTensorContents> typedValues() {
    Map<String, InferTensorContents> values = new LinkedHashMap<>();
    values.put("in_bool", InferTensorContents.newBuilder().addBoolContents(true).addBoolContents(false).addBoolContents(true).build());
    values.put("in_int8", InferTensorContents.newBuilder().addIntContents(-128).addIntContents(0).addIntContents(127).build());
    values.put("in_int16", InferTensorContents.newBuilder().addIntContents(-32768).addIntContents(1).addIntContents(32767).build());
    values.put("in_int32", InferTensorContents.newBuilder().addIntContents(Integer.MIN_VALUE).addIntContents(2).addIntContents(Integer.MAX_VALUE).build());
    values.put("in_int64", InferTensorContents.newBuilder().addInt64Contents(Long.MIN_VALUE).addInt64Contents(3).addInt64Contents(Long.MAX_VALUE).build());
    values.put("in_uint8", InferTensorContents.newBuilder().addUintContents(0).addUintContents(128).addUintContents(255).build());
    values.put("in_fp32", InferTensorContents.newBuilder().addFp32Contents(-1.5f).addFp32Contents(Float.MAX_VALUE).addFp32Contents(Float.MIN_VALUE).build());
    values.put("in_fp64", InferTensorContents.newBuilder().addFp64Contents(Math.PI).addFp64Contents(-0.0).addFp64Contents(Double.MAX_VALUE).build());
    values.put("in_bytes", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("héllo"))
        .addBytesContents(ByteString.EMPTY).addBytesContents(ByteString.copyFromUtf8("convoy")).build());
    return values;
  }

  static String datatype(String input) {
    return switch (input) {
      case "in_bool" -> "BOOL";
      case "in_int8" -> "INT8";
      case "in_int16" -> "INT16";
      case "in_int32" -> "INT32";
      case "in_int64" -> "INT64";
      case "in_uint8" -> "UINT8";
      case "in_fp32" -> "FP32";
      case "in_fp64" -> "FP64";
      case "in_bytes" -> "BYTES";
      default -> throw new IllegalArgumentException(input);
    };
  }

  /** FP16 has no typed field: 1.0, -2.0 and 65504 (the largest half) as raw half-precision bits. */
  static ByteString fp16Raw() {
    ByteBuffer raw = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    raw.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x7BFF);
    return ByteString.copyFrom(raw.flip());
  }

  /** Every input of typed_identity, raw encoded, in the order of {@link #typedValues()}. */
  static ModelInferRequest.Builder rawRequest() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
    typedValues().forEach((name, contents) -> {
      request.addInputsBuilder().setName(name).setDatatype(datatype(name)).addShape(3);
      request.addRawInputContents(rawOf(name, contents));
    });
    return request;
  }

  /** Every input of typed_identity in typed contents. */
  static ModelInferRequest.Builder typedRequest() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("typed_identity");
    typedValues().forEach((name, contents) ->
        request.addInputsBuilder().setName(name).setDatatype(datatype(name)).addShape(3).setContents(contents));
    return request;
  }

  /** The half_identity model's one input, raw. */
  static ModelInferRequest.Builder halfRequest() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("half_identity");
    request.addInputsBuilder().setName("in_fp16").setDatatype("FP16").addShape(3);
    return request.addRawInputContents(fp16Raw());
  }

  /** The raw layout of typed contents, built independently of the server. */
  static ByteString rawOf(String name, InferTensorContents contents) {
    ByteBuffer raw = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    switch (datatype(name)) {
      case "BOOL" -> contents.getBoolContentsList().forEach(b -> raw.put((byte) (b ? 1 : 0)));
      case "INT8" -> contents.getIntContentsList().forEach(v -> raw.put(v.byteValue()));
      case "INT16" -> contents.getIntContentsList().forEach(v -> raw.putShort(v.shortValue()));
      case "INT32" -> contents.getIntContentsList().forEach(raw::putInt);
      case "INT64" -> contents.getInt64ContentsList().forEach(raw::putLong);
      case "UINT8" -> contents.getUintContentsList().forEach(v -> raw.put(v.byteValue()));
      case "FP32" -> contents.getFp32ContentsList().forEach(raw::putFloat);
      case "FP64" -> contents.getFp64ContentsList().forEach(raw::putDouble);
      case "BYTES" -> contents.getBytesContentsList().forEach(b -> raw.putInt(b.size()).put(b.toByteArray()));
      default -> throw new IllegalArgumentException(name);
    }
    return ByteString.copyFrom(raw.flip());
  }
}
