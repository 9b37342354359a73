package dev.convoy.loadtest.input;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests from ghz-style JSON in the protobuf JSON mapping: one object is one request; an
 * array of objects is several, which calls cycle through in order (as ghz does).
 */
public final class JsonRequests {

  private JsonRequests() {}

  /** Reads {@code -D/--data-file}. */
  public static List<Message> readFile(Path file, Message prototype) throws InputException {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("data file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InputException("cannot read data file " + file + ": " + e.getMessage(), e);
    }
    return parse(json, prototype, "data file " + file);
  }

  /**
   * Parses JSON into requests of {@code prototype}'s type.
   *
   * @param source where the JSON came from, named in error messages
   * @throws InputException naming the source, the element and what is wrong
   */
  public static List<Message> parse(String json, Message prototype, String source)
      throws InputException {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new InputException(source + " is not valid JSON: " + rootCause(e), e);
    }
    String type = prototype.getDescriptorForType().getFullName();
    List<Message> messages = new ArrayList<>();
    if (root.isJsonObject()) {
      messages.add(toMessage(root, prototype, source + " (" + type + ")"));
    } else if (root.isJsonArray() && !root.getAsJsonArray().isEmpty()) {
      JsonArray array = root.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        String where = source + " element " + i + " (" + type + ")";
        messages.add(toMessage(array.get(i), prototype, where));
      }
    } else {
      throw new InputException(
          source + " must be a JSON object (one " + type + ") or a non-empty array of them");
    }
    return messages;
  }

  /**
   * Sets the model name and version fields ({@code model_name}/{@code model_version}, or
   * {@code name}/{@code version}) where the message has them and leaves them empty, so
   * {@code --model} works with any model-scoped method.
   *
   * @return the message, changed or not, and whether it has a model-name field
   */
  public static Named withModel(Message message, String model, String version) {
    Message.Builder builder = message.toBuilder();
    FieldDescriptor name = stringField(message, "model_name", "name");
    FieldDescriptor versionField = stringField(message, "model_version", "version");
    if (name == null) {
      return new Named(message, false);
    }
    if (model != null && ((String) message.getField(name)).isEmpty()) {
      builder.setField(name, model);
    }
    if (versionField != null
        && version != null
        && ((String) message.getField(versionField)).isEmpty()) {
      builder.setField(versionField, version);
    }
    return new Named(builder.build(), true);
  }

  /** A message after {@link #withModel}, and whether it names a model at all. */
  public record Named(Message message, boolean hasModelField) {}

  private static FieldDescriptor stringField(Message message, String... names) {
    for (String n : names) {
      FieldDescriptor field = message.getDescriptorForType().findFieldByName(n);
      if (field != null
          && field.getJavaType() == FieldDescriptor.JavaType.STRING
          && !field.isRepeated()) {
        return field;
      }
    }
    return null;
  }

  private static Message toMessage(JsonElement element, Message prototype, String where)
      throws InputException {
    if (!element.isJsonObject()) {
      throw new InputException(where + " must be a JSON object, got " + abbreviate(element));
    }
    Message.Builder builder = prototype.newBuilderForType();
    try {
      JsonFormat.parser().merge(element.toString(), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new InputException(where + ": " + rootCause(e), e);
    }
    return builder.build();
  }

  private static String abbreviate(JsonElement element) {
    String text = element.toString();
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
