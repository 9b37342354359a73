package dev.convoy.batch.input;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.convoy.proto.inference.ModelInferRequest;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * One Open Inference Protocol {@code ModelInferRequest} per line, in the protobuf JSON mapping
 * (e.g. {@code {"id":"a","inputs":[{"name":"input","datatype":"FP32","shape":[1,64],
 * "contents":{"fp32Contents":[...]}}]}}). Each line is one row and is sent as it is. Blank
 * lines are skipped and not counted; a line that does not parse is a malformed row.
 */
final class JsonlRequests implements RowReader {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private final BufferedReader lines;
  private long index;
  private long lineNumber;

  JsonlRequests(BufferedReader lines) {
    this.lines = lines;
  }

  @Override
  public InputRow next() throws IOException {
    String line;
    do {
      line = lines.readLine();
      lineNumber++;
      if (line == null) {
        return null;
      }
    } while (line.isBlank());
    long row = index++;
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder();
    try {
      PARSER.merge(line, request);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return new InputRow.Malformed(row, "", "line " + lineNumber + ": not a ModelInferRequest in JSON: "
          + CsvRows.abbreviate(String.valueOf(e.getMessage())));
    }
    return new InputRow.Request(row, request.getId(), request.build());
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
