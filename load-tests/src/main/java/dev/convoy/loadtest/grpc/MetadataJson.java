package dev.convoy.loadtest.grpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.grpc.Metadata;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * ghz's {@code -m/--metadata}: a JSON object of header names to string values. Names ending in
 * {@code -bin} carry base64 text and are sent as binary headers, as gRPC requires.
 */
public final class MetadataJson {

  private MetadataJson() {}

  /**
   * @param json the JSON object, or null/blank for no headers
   * @param source where the JSON came from, for error messages
   * @throws IllegalArgumentException naming the source and the offending entry
   */
  public static Metadata parse(String json, String source) {
    Metadata metadata = new Metadata();
    if (json == null || json.isBlank()) {
      return metadata;
    }
    JsonObject object;
    try {
      JsonElement element = JsonParser.parseString(json);
      if (!element.isJsonObject()) {
        throw new IllegalArgumentException(source + " must be a JSON object of header names to"
            + " strings, e.g. {\"authorization\":\"Bearer x\"}");
      }
      object = element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      put(metadata, entry.getKey().toLowerCase(Locale.ROOT), entry.getValue(), source);
    }
    return metadata;
  }

  private static void put(Metadata metadata, String name, JsonElement value, String source) {
    if (!value.isJsonPrimitive()) {
      throw new IllegalArgumentException(
          source + ": the value of '" + name + "' must be a string, not " + value);
    }
    String text = value.getAsString();
    try {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        metadata.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER),
            Base64.getDecoder().decode(text));
      } else {
        metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), text);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + ": bad header '" + name + "': " + e.getMessage(), e);
    }
  }
}
