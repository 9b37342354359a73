package dev.convoy.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The prometheus-adapter rule shipped beside the autoscalers
 * ({@code gpu-images/k8s/prometheus-adapter/values.yaml}): the custom metric it serves and the
 * Prometheus series it reads.
 *
 * @param metricName the name the autoscalers ask the custom metrics API for
 * @param seriesRead every series the rule's queries name
 */
record AdapterRule(String metricName, Set<String> seriesRead) {
  private static final Pattern SERIES = Pattern.compile("\\b(convoy_[a-z_]+)\\{");

  static AdapterRule shipped() {
    Path values = Paths.k8s().resolve("prometheus-adapter/values.yaml");
    JsonNode rules;
    try {
      rules = new YAMLMapper().readTree(values.toFile()).path("rules").path("custom");
    } catch (tools.jackson.core.JacksonException e) {
      throw new UncheckedIOException(new IOException(values + ": " + e.getOriginalMessage(), e));
    }
    if (rules.size() != 1) {
      throw new IllegalStateException(values + ": expected one custom rule, found " + rules.size());
    }
    JsonNode rule = rules.get(0);
    Set<String> series = new LinkedHashSet<>();
    for (String query : new String[] {rule.path("seriesQuery").asString(), rule.path("metricsQuery").asString()}) {
      Matcher matcher = SERIES.matcher(query);
      while (matcher.find()) {
        series.add(matcher.group(1));
      }
    }
    return new AdapterRule(rule.path("name").path("as").asString(), series);
  }
}
