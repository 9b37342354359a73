package dev.convoy.loadtest.report;

import dev.convoy.loadtest.engine.LoadResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A result with what a report shows around it.
 *
 * @param result what the run measured
 * @param name the run's name ({@code --name}), or empty
 * @param date when the report was made
 * @param options the run's settings under ghz's option names, written as the report's
 *     {@code options} (values: strings, numbers, booleans, maps, lists, Gson elements)
 * @param tags free-form labels ({@code --tags})
 * @param convoyOptions Convoy's own settings, written under {@code convoy.options}
 */
public record RunReport(
    LoadResult result,
    String name,
    Instant date,
    Map<String, Object> options,
    Map<String, String> tags,
    Map<String, Object> convoyOptions) {

  public RunReport {
    Objects.requireNonNull(result, "result");
    name = name == null ? "" : name;
    Objects.requireNonNull(date, "date");
    options = new LinkedHashMap<>(options);
    tags = new LinkedHashMap<>(tags);
    convoyOptions = new LinkedHashMap<>(convoyOptions);
  }

  /** A report with no name, options or tags: for programmatic runs. */
  public static RunReport of(LoadResult result) {
    return new RunReport(result, "", Instant.now(), Map.of(), Map.of(), Map.of());
  }
}
