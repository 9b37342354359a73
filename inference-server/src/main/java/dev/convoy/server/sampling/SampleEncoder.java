package dev.convoy.server.sampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns one answered request into monitor samples, one per row: the first input's row as
 * features, the score output's row as scores. FP32 tensors only (raw or typed contents); a
 * request with anything else yields no samples. Rows of a multi-row request are identified as
 * {@code <id>/<row>}; a request without an id gets a fresh one.
 *
 * <p>Each sample comes out as its entry of {@link IngestRequest}'s {@code samples} field, in
 * protobuf's wire format. A row's features and scores are copied from the raw contents as they
 * are: packed floats and raw contents are both little-endian, so no float and no {@link Sample}
 * object is made (building them took two thirds of the sender thread's time).
 */
final class SampleEncoder {
  private SampleEncoder() {
  }

  /** Writes wire-format fields into a stream sized for them. */
  @FunctionalInterface
  interface WireWriter {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  /** A new array of exactly {@code size} bytes, filled by {@code fields}. */
  static byte[] written(int size, WireWriter fields) {
    byte[] bytes = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      fields.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("sized wrongly for its own array", e);
    }
    return bytes;
  }

  /**
   * The samples of one answered request; empty when it has none to give.
   *
   * @param freshIds the id of a request that has none
   */
  static List<ByteString> encode(Sampled sampled, Supplier<String> freshIds) {
    ModelInferRequest request = sampled.request();
    if (request.getInputsCount() == 0 || !"FP32".equals(request.getInputs(0).getDatatype())) {
      return List.of();
    }
    ByteString features = floats(request.getInputs(0).getContents(),
        request.getRawInputContentsCount() > 0 ? request.getRawInputContents(0) : null);
    ByteString scores = scores(sampled.scoresOutput(), sampled.response());
    int rows = sampled.spec().batched() && request.getInputs(0).getShapeCount() > 0
        ? (int) request.getInputs(0).getShape(0) : 1;
    if (rows <= 0 || features.size() % (rows * Float.BYTES) != 0 || scores.size() % (rows * Float.BYTES) != 0) {
      return List.of();
    }
    String id = request.getId().isEmpty() ? freshIds.get() : request.getId();
    Fields fields = new Fields(utf8(sampled.spec().name()), utf8(Long.toString(sampled.version())),
        sampled.timeUnixNanos(), utf8(sampled.traceId()), features.size() / rows, scores.size() / rows);
    List<ByteString> samples = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      samples.add(fields.entry(utf8(rows == 1 ? id : id + "/" + r), features, scores, r));
    }
    return samples;
  }

  /**
   * What every row of one request shares, and how to write a row's entry. Strings are encoded
   * to UTF-8 once, where sizing and writing them would each encode them again.
   */
  private record Fields(ByteString model, ByteString version, long timeUnixNanos, ByteString traceId,
      int featureBytes, int scoreBytes) {

    ByteString entry(ByteString requestId, ByteString features, ByteString scores, int row) {
      int size = sampleSize(requestId);
      int entrySize = CodedOutputStream.computeTagSize(IngestRequest.SAMPLES_FIELD_NUMBER)
          + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
      return UnsafeByteOperations.unsafeWrap(written(entrySize, out -> {
        out.writeTag(IngestRequest.SAMPLES_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        writeBytes(out, Sample.MODEL_NAME_FIELD_NUMBER, model);
        writeBytes(out, Sample.MODEL_VERSION_FIELD_NUMBER, version);
        writeBytes(out, Sample.REQUEST_ID_FIELD_NUMBER, requestId);
        if (timeUnixNanos != 0) {
          out.writeInt64(Sample.TIME_UNIX_NANOS_FIELD_NUMBER, timeUnixNanos);
        }
        writeBytes(out, Sample.TRACE_ID_FIELD_NUMBER, traceId);
        writePacked(out, Sample.FEATURES_FIELD_NUMBER,
            features.substring(row * featureBytes, (row + 1) * featureBytes));
        writePacked(out, Sample.SCORES_FIELD_NUMBER, scores.substring(row * scoreBytes, (row + 1) * scoreBytes));
      }));
    }

    /** Proto3 leaves out empty strings and zeros; so does this, so the bytes are the builder's. */
    private int sampleSize(ByteString requestId) {
      return bytesSize(Sample.MODEL_NAME_FIELD_NUMBER, model)
          + bytesSize(Sample.MODEL_VERSION_FIELD_NUMBER, version)
          + bytesSize(Sample.REQUEST_ID_FIELD_NUMBER, requestId)
          + (timeUnixNanos == 0 ? 0 : CodedOutputStream.computeInt64Size(Sample.TIME_UNIX_NANOS_FIELD_NUMBER,
              timeUnixNanos))
          + bytesSize(Sample.TRACE_ID_FIELD_NUMBER, traceId)
          + packedSize(Sample.FEATURES_FIELD_NUMBER, featureBytes)
          + packedSize(Sample.SCORES_FIELD_NUMBER, scoreBytes);
    }
  }

  private static ByteString utf8(String value) {
    return ByteString.copyFromUtf8(value);
  }

  private static int bytesSize(int field, ByteString value) {
    return value.isEmpty() ? 0 : CodedOutputStream.computeBytesSize(field, value);
  }

  private static int packedSize(int field, int bytes) {
    return bytes == 0 ? 0 : CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(bytes)
        + bytes;
  }

  /** A string field (same wire type as bytes) from its UTF-8, or nothing when empty. */
  private static void writeBytes(CodedOutputStream out, int field, ByteString utf8) throws IOException {
    if (!utf8.isEmpty()) {
      out.writeBytes(field, utf8);
    }
  }

  private static void writePacked(CodedOutputStream out, int field, ByteString littleEndianFloats) throws IOException {
    if (!littleEndianFloats.isEmpty()) {
      out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(littleEndianFloats.size());
      out.writeRawBytes(littleEndianFloats);
    }
  }

  private static ByteString scores(String wanted, ModelInferResponse response) {
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (response.getOutputs(i).getName().equals(wanted) && "FP32".equals(response.getOutputs(i).getDatatype())) {
        return floats(response.getOutputs(i).getContents(),
            response.getRawOutputContentsCount() > i ? response.getRawOutputContents(i) : null);
      }
    }
    return ByteString.EMPTY;
  }

  /** The tensor's floats, little-endian: the raw contents as they are, or the typed ones written so. */
  private static ByteString floats(InferTensorContents typed, ByteString raw) {
    if (raw != null) {
      return raw;
    }
    ByteBuffer bytes = ByteBuffer.allocate(typed.getFp32ContentsCount() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < typed.getFp32ContentsCount(); i++) {
      bytes.putFloat(typed.getFp32Contents(i));
    }
    return UnsafeByteOperations.unsafeWrap(bytes.array());
  }
}
