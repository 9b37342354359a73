package dev.convoy.monitor.drift;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;

/** The values SciPy computed (src/test/python/make_drift_fixtures.py). */
public final class Fixtures {
  private Fixtures() {
  }

  public static JsonObject drift() {
    try (Reader reader = new InputStreamReader(
        Fixtures.class.getResourceAsStream("/fixtures/drift.json"), StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(reader).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static double[] doubles(JsonArray array) {
    return StreamSupport.stream(array.spliterator(), false).mapToDouble(e -> e.getAsDouble()).toArray();
  }

  public static long[] longs(JsonArray array) {
    return StreamSupport.stream(array.spliterator(), false).mapToLong(e -> e.getAsLong()).toArray();
  }

  public static int[] ints(JsonArray array) {
    return StreamSupport.stream(array.spliterator(), false).mapToInt(e -> e.getAsInt()).toArray();
  }
}
