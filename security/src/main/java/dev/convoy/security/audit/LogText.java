package dev.convoy.security.audit;

/**
 * Client-supplied text made safe for one log line: quoted, with quotes, backslashes and every
 * character outside printable ASCII escaped ({@code \n}, {@code \u2028}), and cut after a bound
 * so a caller cannot flood or forge lines.
 */
public final class LogText {
  /** Characters of client text kept in a log line. */
  public static final int MAX_CHARS = 128;

  private LogText() {}

  public static String quoted(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8).append('"');
    int end = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_CHARS) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.append('"').toString();
  }
}
