package dev.convoy.batch.job;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Encodes CSV rows as the model's input and packs consecutive rows into one raw request. */
final class RequestPacker {
  private final InputSpec input;
  private final int elementBytes;

  RequestPacker(InputSpec input) {
    this.input = input;
    this.elementBytes = switch (input.datatype()) {
      case "FP64", "INT64" -> 8;
      default -> 4;
    };
  }

  /** One row's little-endian values; {@code IllegalArgumentException} names what is wrong with it. */
  byte[] encode(List<String> values) {
    long expected = elementsPerRow(values.size());
    if (values.size() != expected) {
      throw new IllegalArgumentException(values.size() + " values, input '" + input.inputName() + "' takes "
          + expected + " per row");
    }
    ByteBuffer out = ByteBuffer.allocate(values.size() * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.size(); i++) {
      String text = values.get(i);
      try {
        switch (input.datatype()) {
          case "FP32" -> out.putFloat(Float.parseFloat(text));
          case "FP64" -> out.putDouble(Double.parseDouble(text));
          case "INT32" -> out.putInt(Integer.parseInt(text));
          default -> out.putLong(Long.parseLong(text));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("value " + (i + 1) + " '" + abbreviate(text) + "' is not "
            + input.datatype());
      }
    }
    return out.array();
  }

  /** A request for {@code rows} encoded rows, in order. */
  ModelInferRequest pack(List<byte[]> rows) {
    int perRow = rows.get(0).length / elementBytes;
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
        .setModelName(input.model()).setModelVersion(input.version());
    ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder()
        .setName(input.inputName()).setDatatype(input.datatype());
    if (input.batched()) {
      tensor.addShape(rows.size());
    }
    for (long dim : input.dims()) {
      tensor.addShape(dim < 0 ? perRow / fixedElements() : dim);
    }
    ByteString.Output raw = ByteString.newOutput(rows.size() * rows.get(0).length);
    rows.forEach(row -> raw.write(row, 0, row.length));
    return request.addRawInputContents(raw.toByteString()).build();
  }

  /** The one-row requests a request packed by {@link #pack} was made of. */
  List<ModelInferRequest> unpack(ModelInferRequest packed, int rows) {
    ByteString raw = packed.getRawInputContents(0);
    int rowBytes = raw.size() / rows;
    List<ModelInferRequest> parts = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      ModelInferRequest.Builder part = packed.toBuilder().setRawInputContents(0, raw.substring(r * rowBytes,
          (r + 1) * rowBytes));
      part.getInputsBuilder(0).setShape(0, 1);
      parts.add(part.build());
    }
    return parts;
  }

  /** The values a row must have: the product of the dimensions, a variable one taking the rest. */
  private long elementsPerRow(int given) {
    long fixed = fixedElements();
    boolean variable = input.dims().stream().anyMatch(d -> d < 0);
    return variable && given % fixed == 0 ? given : fixed;
  }

  private long fixedElements() {
    return input.dims().stream().filter(d -> d >= 0).reduce(1L, (a, b) -> a * b);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
