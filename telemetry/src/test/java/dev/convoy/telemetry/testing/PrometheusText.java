package dev.convoy.telemetry.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests that
 * scrape {@code /metrics}. Beyond the grammar (names, escaped label values, Go float values,
 * optional timestamps) it insists on what a well-behaved exporter does: a {@code # TYPE} before
 * every family's samples, at most one TYPE and HELP per family, a family's samples together,
 * sample names that fit their family's type ({@code _total} for counters; {@code _bucket} with
 * {@code le}, {@code _sum}, {@code _count} for histograms), no series twice, and histogram
 * buckets that are cumulative and end with {@code +Inf} equal to {@code _count}.
 */
public final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private PrometheusText() {}

  /**
   * Scrapes {@code http://127.0.0.1:port/metrics} (asking for the text format) and parses it.
   *
   * @throws AssertionError when the endpoint does not answer 200 with the text format
   */
  public static Exposition scrape(int port) throws IOException, InterruptedException {
    return parse(fetch(port));
  }

  /** The text {@link #scrape} parses, as served. */
  public static String fetch(int port) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .header("Accept", "text/plain; version=0.0.4").timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() != 200 || !contentType.startsWith("text/plain") || !contentType.contains("0.0.4")) {
      throw new AssertionError("GET /metrics answered " + response.statusCode() + " " + contentType);
    }
    return response.body();
  }

  /** @throws IllegalArgumentException naming the line that breaks the format */
  public static Exposition parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition must end with a newline");
    }
    Parser parser = new Parser();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      try {
        parser.line(lines[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " '" + lines[i] + "': " + e.getMessage(), e);
      }
    }
    Exposition exposition = new Exposition(Map.copyOf(parser.types), Map.copyOf(parser.help),
        List.copyOf(parser.samples));
    exposition.checkHistograms();
    return exposition;
  }

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    /** Whether every given label has the given value (others may be present). */
    public boolean has(Map<String, String> wanted) {
      return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  /** A parsed exposition. */
  public record Exposition(Map<String, String> types, Map<String, String> help, List<Sample> samples) {
    /** The samples named {@code name} (a full sample name, e.g. {@code x_total}). */
    public List<Sample> samples(String name) {
      return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * The value of the one sample named {@code name} whose labels include {@code labelPairs}
     * ({@code "model", "digits", "status", "OK"}).
     *
     * @throws AssertionError when no sample or more than one matches
     */
    public double value(String name, String... labelPairs) {
      Map<String, String> wanted = pairs(labelPairs);
      List<Sample> matching = samples(name).stream().filter(s -> s.has(wanted)).toList();
      if (matching.size() != 1) {
        throw new AssertionError(matching.size() + " samples " + name + wanted + " in " + samples(name));
      }
      return matching.get(0).value();
    }

    /** The family's type, or null when it has none. */
    public String type(String family) {
      return types.get(family);
    }

    private void checkHistograms() {
      for (Map.Entry<String, String> family : types.entrySet()) {
        if (family.getValue().equals("histogram")) {
          checkHistogram(family.getKey());
        }
      }
    }

    private void checkHistogram(String family) {
      Map<Map<String, String>, List<Sample>> bySeries = new HashMap<>();
      for (Sample bucket : samples(family + "_bucket")) {
        Map<String, String> series = new TreeMap<>(bucket.labels());
        series.remove("le");
        bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(bucket);
      }
      for (Sample count : samples(family + "_count")) {
        List<Sample> buckets = bySeries.get(new TreeMap<>(count.labels()));
        if (buckets == null || buckets.isEmpty()) {
          throw new IllegalArgumentException(family + count.labels() + ": _count without buckets");
        }
        double previousBound = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        for (Sample bucket : buckets) {
          double bound = parseValue(bucket.labels().get("le"));
          if (bound <= previousBound || bucket.value() < previousCount) {
            throw new IllegalArgumentException(family + count.labels() + ": buckets not cumulative at le=" + bound);
          }
          previousBound = bound;
          previousCount = bucket.value();
        }
        if (previousBound != Double.POSITIVE_INFINITY || previousCount != count.value()) {
          throw new IllegalArgumentException(family + count.labels() + ": +Inf bucket missing or not equal to _count");
        }
        if (samples(family + "_sum").stream().noneMatch(s -> s.labels().equals(count.labels()))) {
          throw new IllegalArgumentException(family + count.labels() + ": _sum missing");
        }
      }
    }
  }

  private static final class Parser {
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Set<String> finishedFamilies = new HashSet<>();
    private final Set<String> series = new HashSet<>();
    private String currentFamily;

    void line(String line) {
      if (line.isEmpty()) {
        return;
      }
      if (line.startsWith("#")) {
        comment(line);
        return;
      }
      sample(line);
    }

    private void comment(String line) {
      String[] parts = line.split(" ", 4);
      if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
        return; // a plain comment
      }
      String name = parts[2];
      requireName(METRIC_NAME, name, "metric");
      if (parts[1].equals("TYPE")) {
        String type = parts.length == 4 ? parts[3] : "";
        if (!TYPES.contains(type)) {
          throw new IllegalArgumentException("unknown type '" + type + "'");
        }
        if (types.putIfAbsent(name, type) != null) {
          throw new IllegalArgumentException("second TYPE for " + name);
        }
        if (finishedFamilies.contains(name) || name.equals(currentFamily)) {
          throw new IllegalArgumentException("TYPE for " + name + " after its samples");
        }
      } else if (help.putIfAbsent(name, parts.length == 4 ? unescape(parts[3]) : "") != null) {
        throw new IllegalArgumentException("second HELP for " + name);
      }
    }

    private void sample(String line) {
      int nameEnd = 0;
      while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
        nameEnd++;
      }
      String name = line.substring(0, nameEnd);
      requireName(METRIC_NAME, name, "metric");
      Map<String, String> labels = new TreeMap<>();
      int at = nameEnd;
      if (at < line.length() && line.charAt(at) == '{') {
        at = labels(line, at + 1, labels);
      }
      if (at >= line.length() || line.charAt(at) != ' ') {
        throw new IllegalArgumentException("expected a space before the value");
      }
      String[] rest = line.substring(at + 1).split(" ");
      if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
        throw new IllegalArgumentException("expected a value and an optional timestamp");
      }
      double value = parseValue(rest[0]);
      if (rest.length == 2) {
        Long.parseLong(rest[1]);
      }
      String family = family(name, labels);
      if (!family.equals(currentFamily)) {
        if (currentFamily != null) {
          finishedFamilies.add(currentFamily);
        }
        if (finishedFamilies.contains(family)) {
          throw new IllegalArgumentException("samples of " + family + " are not together");
        }
        currentFamily = family;
      }
      if (!series.add(name + labels)) {
        throw new IllegalArgumentException("series " + name + labels + " appears twice");
      }
      samples.add(new Sample(name, Map.copyOf(labels), value));
    }

    /** The TYPE'd family a sample belongs to, checked against its type's suffixes. */
    private String family(String name, Map<String, String> labels) {
      if (types.containsKey(name) && !types.get(name).equals("histogram")) {
        return name; // text format 0.0.4 types a counter by its full sample name, x_total
      }
      for (String suffix : List.of("_total", "_created", "_bucket", "_sum", "_count")) {
        if (!name.endsWith(suffix)) {
          continue;
        }
        String family = name.substring(0, name.length() - suffix.length());
        String type = types.get(family);
        boolean fits = type != null && switch (type) {
          case "counter" -> suffix.equals("_total") || suffix.equals("_created");
          case "histogram" -> suffix.equals("_bucket") ? labels.containsKey("le") : !suffix.equals("_total");
          case "summary" -> suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_created");
          default -> false;
        };
        if (fits) {
          return family;
        }
      }
      throw new IllegalArgumentException("sample " + name + " belongs to no family with a TYPE that fits it");
    }

    /** Parses {@code name="value",...}} from {@code start}; returns the index after '}'. */
    private static int labels(String line, int start, Map<String, String> labels) {
      int at = start;
      while (true) {
        if (at < line.length() && line.charAt(at) == '}') {
          return at + 1;
        }
        int equals = line.indexOf('=', at);
        if (equals < 0) {
          throw new IllegalArgumentException("label without '='");
        }
        String name = line.substring(at, equals);
        requireName(LABEL_NAME, name, "label");
        if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
          throw new IllegalArgumentException("label " + name + ": value must be quoted");
        }
        StringBuilder value = new StringBuilder();
        int i = equals + 2;
        for (; i < line.length() && line.charAt(i) != '"'; i++) {
          char c = line.charAt(i);
          if (c == '\\') {
            i++;
            char escaped = i < line.length() ? line.charAt(i) : ' ';
            value.append(switch (escaped) {
              case '\\' -> '\\';
              case '"' -> '"';
              case 'n' -> '\n';
              default -> throw new IllegalArgumentException("label " + name + ": bad escape \\" + escaped);
            });
          } else {
            value.append(c);
          }
        }
        if (i >= line.length()) {
          throw new IllegalArgumentException("label " + name + ": unterminated value");
        }
        if (labels.put(name, value.toString()) != null) {
          throw new IllegalArgumentException("label " + name + " twice");
        }
        at = i + 1;
        if (at < line.length() && line.charAt(at) == ',') {
          at++;
        } else if (at >= line.length() || line.charAt(at) != '}') {
          throw new IllegalArgumentException("expected ',' or '}' after label " + name);
        }
      }
    }

    /** A HELP text's escapes: {@code \\} and {@code \n}. */
    private static String unescape(String text) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          char next = text.charAt(++i);
          out.append(next == 'n' ? '\n' : next);
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static void requireName(Pattern pattern, String name, String what) {
      if (!pattern.matcher(name).matches()) {
        throw new IllegalArgumentException("bad " + what + " name '" + name + "'");
      }
    }
  }

  private static Map<String, String> pairs(String... labelPairs) {
    if (labelPairs.length % 2 != 0) {
      throw new IllegalArgumentException("label pairs must come in name, value pairs");
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    return wanted;
  }

  static double parseValue(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
          throw new IllegalArgumentException("bad value '" + text + "'");
        }
        yield Double.parseDouble(text);
      }
    };
  }
}
