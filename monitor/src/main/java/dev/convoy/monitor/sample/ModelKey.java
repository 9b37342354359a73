package dev.convoy.monitor.sample;

import java.util.Objects;

/** A model version: what references, windows and alerts are kept per. */
public record ModelKey(String model, String version) implements Comparable<ModelKey> {
  public ModelKey {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
  }

  @Override
  public int compareTo(ModelKey other) {
    int byModel = model.compareTo(other.model);
    return byModel != 0 ? byModel : version.compareTo(other.version);
  }

  @Override
  public String toString() {
    return model + "/" + version;
  }
}
