package dev.convoy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** Reading a job's output and errors files back. */
final class Outputs {
  private Outputs() {}

  static List<JsonObject> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JsonObject> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lines.add(JsonParser.parseString(line).getAsJsonObject());
    }
    return lines;
  }

  /** Every row 0..rows-1 exactly once over both files, each file in row order. */
  static void assertEveryRowOnce(List<JsonObject> output, List<JsonObject> errors, long rows) {
    List<Long> outRows = output.stream().map(o -> o.get("row").getAsLong()).toList();
    List<Long> errRows = errors.stream().map(o -> o.get("row").getAsLong()).toList();
    assertThat(outRows).as("output rows in order").isSorted().doesNotHaveDuplicates();
    assertThat(errRows).as("error rows in order").isSorted().doesNotHaveDuplicates();
    List<Long> all = new ArrayList<>(outRows);
    all.addAll(errRows);
    assertThat(all).as("every row exactly once").containsExactlyInAnyOrderElementsOf(
        LongStream.range(0, rows).boxed().toList());
  }

  /** The values of output {@code name} of one result line. */
  static float[] floats(JsonObject line, String name) {
    for (var output : line.getAsJsonArray("outputs")) {
      JsonObject tensor = output.getAsJsonObject();
      if (tensor.get("name").getAsString().equals(name)) {
        JsonArray data = tensor.getAsJsonArray("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.parseFloat(data.get(i).getAsString());
        }
        return values;
      }
    }
    throw new AssertionError("no output '" + name + "' in " + line);
  }

  static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
