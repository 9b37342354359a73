package dev.convoy.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks manifests against the Kubernetes API's OpenAPI schemas (required fields, types,
 * enums, formats) with the validators the npm package {@code kubernetes-models} compiles from
 * them, run by node over {@code validate-schemas.mjs}.
 */
final class ApiSchemas {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final long TIMEOUT_SECONDS = 120;

  private ApiSchemas() {}

  /** One line per invalid manifest, naming it and what its schema says; empty when all are valid. */
  static List<String> violations(List<JsonNode> manifests) {
    String input = JSON.writeValueAsString(manifests);
    String output = Processes.run(List.of("node", Paths.module().resolve("validate-schemas.mjs").toString()), input,
        TIMEOUT_SECONDS);
    List<String> violations = new ArrayList<>();
    for (JsonNode invalid : JSON.readTree(output)) {
      violations.add(invalid.path("kind").asString() + " " + invalid.path("name").asString() + ": "
          + invalid.path("errors").asString());
    }
    return violations;
  }
}
