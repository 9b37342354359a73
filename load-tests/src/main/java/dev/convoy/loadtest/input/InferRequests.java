package dev.convoy.loadtest.input;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferRequest.InferInputTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds {@link ModelInferRequest}s for generated inputs, every input in
 * {@code raw_input_contents} (little-endian).
 */
public final class InferRequests {

  private InferRequests() {}

  /**
   * {@code count} requests of seeded random values: different requests, so a server cache or
   * a lucky branch does not flatter the numbers, built up front.
   */
  public static List<ModelInferRequest> random(
      String model, String version, List<InputSpec> inputs, int count, long seed) {
    Random random = new Random(seed);
    List<ModelInferRequest> requests = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      ModelInferRequest.Builder request = header(model, version, inputs);
      for (InputSpec input : inputs) {
        TensorBytes bytes = new TensorBytes(input.datatype(), input.elementCount());
        for (long e = 0; e < input.elementCount(); e++) {
          bytes.addRandom(random);
        }
        request.addRawInputContents(bytes.toByteString());
      }
      requests.add(request.build());
    }
    return requests;
  }

  /**
   * Requests whose first input is filled from the file's rows, {@link InputSpec#rows()} rows
   * per request, in file order, wrapping round to fill the last one; the other inputs get
   * seeded random values.
   *
   * @throws InputException when a row's value count does not match the input, or a value does
   *     not parse as the input's datatype; the message names file and line
   */
  public static List<ModelInferRequest> fromRows(
      String model, String version, List<InputSpec> inputs, RowsCsv csv, long seed)
      throws InputException {
    InputSpec first = inputs.get(0);
    long perRow = first.elementsPerRow();
    if (csv.columns().size() != perRow) {
      throw new InputException(
          "rows file " + csv.file() + " has " + csv.columns().size() + " input columns but input "
              + first + " takes " + perRow + " values per row; use --input-shape to change it");
    }
    int rowsPerRequest = Math.toIntExact(first.rows());
    int requestCount = Math.max(1, ceilDiv(csv.rows().size(), rowsPerRequest));
    Random random = new Random(seed);
    List<ModelInferRequest> requests = new ArrayList<>();
    for (int r = 0; r < requestCount; r++) {
      ModelInferRequest.Builder request = header(model, version, inputs);
      request.addRawInputContents(rowBytes(first, csv, r * rowsPerRequest, rowsPerRequest));
      for (InputSpec other : inputs.subList(1, inputs.size())) {
        TensorBytes bytes = new TensorBytes(other.datatype(), other.elementCount());
        for (long e = 0; e < other.elementCount(); e++) {
          bytes.addRandom(random);
        }
        request.addRawInputContents(bytes.toByteString());
      }
      requests.add(request.build());
    }
    return requests;
  }

  private static ByteString rowBytes(InputSpec input, RowsCsv csv, int firstRow, int count)
      throws InputException {
    TensorBytes bytes = new TensorBytes(input.datatype(), input.elementCount());
    List<RowsCsv.Row> rows = csv.rows();
    for (int i = 0; i < count; i++) {
      RowsCsv.Row row = rows.get((firstRow + i) % rows.size());
      for (int c = 0; c < row.values().size(); c++) {
        try {
          bytes.addText(row.values().get(c));
        } catch (NumberFormatException e) {
          throw new InputException(
              "rows file " + csv.file() + " line " + row.line() + " column '"
                  + csv.columns().get(c) + "': " + describe(e) + " for " + input.datatype(), e);
        }
      }
    }
    return bytes.toByteString();
  }

  private static String describe(NumberFormatException e) {
    String message = e.getMessage();
    return message == null || message.isEmpty() ? "not a number" : message;
  }

  private static ModelInferRequest.Builder header(
      String model, String version, List<InputSpec> inputs) {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version);
    for (InputSpec input : inputs) {
      request.addInputs(
          InferInputTensor.newBuilder()
              .setName(input.name())
              .setDatatype(input.datatype().name())
              .addAllShape(input.shape()));
    }
    return request;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
