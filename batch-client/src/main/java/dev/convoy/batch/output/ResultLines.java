package dev.convoy.batch.output;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelInferResponse.InferOutputTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONL lines of a job, one per input row.
 *
 * <p>A result: {@code {"row":17,"id":"a","model_name":"m","model_version":"1","outputs":[
 * {"name":"logits","datatype":"FP32","shape":[1,10],"data":[...]}]}}, the outputs in the
 * KServe v2 JSON form. A row sent in a multi-row request gets its own slice of each output,
 * with batch dimension 1: what a one-row request would have been answered. Floats are written
 * with as many digits as it takes to read back the same value. {@code id} is left out when the
 * input gave none.
 *
 * <p>An error: {@code {"row":17,"id":"a","status":"INVALID_ARGUMENT","message":"..."}}.
 */
public final class ResultLines {
  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
      .create();

  private ResultLines() {}

  /** One line per row of a response to {@code rows} rows, the first being row {@code firstRow}. */
  public static List<String> results(ModelInferResponse response, long firstRow, List<String> ids) {
    int rows = ids.size();
    List<JsonArray> outputs = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      outputs.add(new JsonArray());
    }
    for (int t = 0; t < response.getOutputsCount(); t++) {
      InferOutputTensor tensor = response.getOutputs(t);
      ByteString raw = t < response.getRawOutputContentsCount() ? response.getRawOutputContents(t) : null;
      JsonArray values = raw != null ? TensorValues.raw(tensor.getDatatype(), raw) : TensorValues.typed(tensor);
      addSlices(tensor, values, outputs);
    }
    List<String> lines = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      JsonObject line = new JsonObject();
      line.addProperty("row", firstRow + r);
      if (!ids.get(r).isEmpty()) {
        line.addProperty("id", ids.get(r));
      }
      line.addProperty("model_name", response.getModelName());
      line.addProperty("model_version", response.getModelVersion());
      line.add("outputs", outputs.get(r));
      lines.add(GSON.toJson(line));
    }
    return lines;
  }

  public static String error(long row, String id, String status, String message) {
    JsonObject line = new JsonObject();
    line.addProperty("row", row);
    if (!id.isEmpty()) {
      line.addProperty("id", id);
    }
    line.addProperty("status", status);
    line.addProperty("message", message);
    return GSON.toJson(line);
  }

  private static void addSlices(InferOutputTensor tensor, JsonArray values, List<JsonArray> outputs) {
    int rows = outputs.size();
    if (rows == 1) {
      outputs.get(0).add(tensorJson(tensor, tensor.getShapeList(), values));
      return;
    }
    if (tensor.getShapeCount() == 0 || tensor.getShape(0) != rows || values.size() % rows != 0) {
      throw new IllegalStateException("output '" + tensor.getName() + "' has shape " + tensor.getShapeList()
          + " and " + values.size() + " values, not " + rows + " rows");
    }
    List<Long> rowShape = new ArrayList<>(tensor.getShapeList());
    rowShape.set(0, 1L);
    int perRow = values.size() / rows;
    for (int r = 0; r < rows; r++) {
      JsonArray slice = new JsonArray(perRow);
      for (int i = r * perRow; i < (r + 1) * perRow; i++) {
        slice.add(values.get(i));
      }
      outputs.get(r).add(tensorJson(tensor, rowShape, slice));
    }
  }

  private static JsonObject tensorJson(InferOutputTensor tensor, List<Long> shape, JsonArray data) {
    JsonObject json = new JsonObject();
    json.addProperty("name", tensor.getName());
    json.addProperty("datatype", tensor.getDatatype());
    JsonArray dims = new JsonArray(shape.size());
    shape.forEach(dims::add);
    json.add("shape", dims);
    json.add("data", data);
    return json;
  }
}
