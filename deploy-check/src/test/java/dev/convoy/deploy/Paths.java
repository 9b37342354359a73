package dev.convoy.deploy;

import java.nio.file.Path;

/** Where the checked files are: system properties the module's pom sets for surefire. */
final class Paths {
  private Paths() {}

  /** gpu-images/k8s. */
  static Path k8s() {
    return property("convoy.k8s.dir");
  }

  static Path compose() {
    return property("convoy.compose.file");
  }

  /** The sample model repository, models/. */
  static Path models() {
    return property("convoy.models.dir");
  }

  static Path nodeModules() {
    return property("convoy.node.modules");
  }

  /** This module's directory (the schema validator script). */
  static Path module() {
    return property("convoy.deploy.check.dir");
  }

  private static Path property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set (the module's pom sets it for surefire)");
    }
    return Path.of(value);
  }
}
