package dev.convoy.loadtest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the bench starts its targets' JVMs.
 *
 * @param heap each target JVM's {@code -Xmx} value, e.g. {@code 1g}
 * @param serverJar the runnable jar of the Convoy inference server
 * @param routerJar the runnable jar of the Convoy router
 * @param monitorJar the runnable jar of the Convoy monitor
 */
public record Launch(String heap, Path serverJar, Path routerJar, Path monitorJar) {

  /** As deployed from a build of this repository, run from its root. */
  public static final Launch DEFAULT = new Launch("1g",
      Path.of("inference-server/target/convoy-inference-server.jar"),
      Path.of("router/target/convoy-router.jar"),
      Path.of("monitor/target/convoy-monitor.jar"));

  public Launch {
    Objects.requireNonNull(serverJar, "serverJar");
    Objects.requireNonNull(routerJar, "routerJar");
    Objects.requireNonNull(monitorJar, "monitorJar");
    if (!heap.matches("[0-9]+[kKmMgG]?")) {
      throw new IllegalArgumentException("--target-heap must be a -Xmx size like 1g, got " + heap);
    }
  }

  /** The java launcher of this JVM, for the targets. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jar a target needs, or why it cannot start. */
  static Path requireJar(Path jar, String module) throws NotRunException {
    if (!Files.isRegularFile(jar)) {
      throw new NotRunException(jar + " is missing: build it with mvn -B -q -pl " + module
          + " -am -DskipTests package");
    }
    return jar;
  }
}
