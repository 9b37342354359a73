package dev.convoy.loadtest.input;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ghz's call-data templates in {@code -d}, {@code -D} and {@code -m}: Go template actions
 * {@code {{.RequestNumber}}}, {@code {{.WorkerID}}}, {@code {{.FullyQualifiedName}}},
 * {@code {{.MethodName}}}, {@code {{.ServiceName}}}, {@code {{.InputName}}},
 * {@code {{.OutputName}}}, {@code {{.IsClientStreaming}}}, {@code {{.IsServerStreaming}}},
 * {@code {{.Timestamp}}}, {@code {{.TimestampUnix}}}, {@code {{.TimestampUnixMilli}}},
 * {@code {{.TimestampUnixNano}}}, {@code {{.UUID}}}, and the functions
 * {@code {{newUUID}}}, {@code {{randomString N}}}, {@code {{randomInt MIN MAX}}}. Other Go
 * template syntax (pipelines, {@code if}, {@code range}, sprig's functions) is refused with
 * an error naming the action, never sent as written.
 */
public final class CallTemplate {

  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  /** One piece of a template: literal text, a field, or a function call. */
  private sealed interface Part permits Literal, Field, Function {}

  private record Literal(String text) implements Part {}

  private record Field(String name) implements Part {}

  private record Function(String name, long[] args) implements Part {}

  private final List<Part> parts;

  private CallTemplate(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}.
   *
   * @param functions whether functions may be used (ghz's {@code --disable-template-functions}
   *     refuses them)
   * @param source where the text came from, for errors
   * @throws InputException naming the unsupported action
   */
  public static CallTemplate parse(String text, boolean functions, String source)
      throws InputException {
    List<Part> parts = new ArrayList<>();
    Matcher m = ACTION.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Literal(text.substring(at, m.start())));
      }
      parts.add(action(m.group(1), functions, source));
      at = m.end();
    }
    if (at < text.length()) {
      parts.add(new Literal(text.substring(at)));
    }
    return new CallTemplate(parts);
  }

  /** Whether the text has any action; without one it is sent as written, parsed once. */
  public boolean hasActions() {
    return parts.stream().anyMatch(p -> !(p instanceof Literal));
  }

  /** The text for one call. */
  public String render(CallData data) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal l) {
        out.append(l.text());
      } else if (part instanceof Field f) {
        out.append(data.field(f.name()));
      } else if (part instanceof Function fn) {
        out.append(call(fn, data));
      }
    }
    return out.toString();
  }

  private static Part action(String action, boolean functions, String source)
      throws InputException {
    if (action.startsWith(".") && CallData.FIELDS.contains(action.substring(1))) {
      return new Field(action.substring(1));
    }
    String[] words = action.split("\\s+");
    String name = words[0];
    int arity = switch (name) {
      case "newUUID" -> 0;
      case "randomString" -> 1;
      case "randomInt" -> 2;
      default -> -1;
    };
    if (arity < 0 || words.length - 1 != arity) {
      throw new InputException(source + ": unsupported template action {{" + shorten(action)
          + "}}; supported: the call data fields ({{.RequestNumber}}, {{.TimestampUnix}}, ...),"
          + " {{newUUID}}, {{randomString N}}, {{randomInt MIN MAX}}");
    }
    if (!functions) {
      throw new InputException(source + ": template functions are disabled"
          + " (--disable-template-functions), found {{" + shorten(action) + "}}");
    }
    long[] args = new long[arity];
    for (int i = 0; i < arity; i++) {
      if (!INTEGER.matcher(words[i + 1]).matches()) {
        throw new InputException(source + ": {{" + shorten(action) + "}} takes integers");
      }
      args[i] = Long.parseLong(words[i + 1]);
    }
    return new Function(name, args);
  }

  private static String call(Function fn, CallData data) {
    return switch (fn.name()) {
      case "newUUID" -> data.newUuid();
      case "randomString" -> data.randomString((int) fn.args()[0]);
      case "randomInt" -> Long.toString(data.randomInt(fn.args()[0], fn.args()[1]));
      default -> throw new IllegalStateException(fn.name());
    };
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
