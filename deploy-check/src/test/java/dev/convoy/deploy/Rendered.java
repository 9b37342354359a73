package dev.convoy.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One kustomization of gpu-images/k8s rendered by kustomize: its manifests as JSON trees and
 * as strictly read typed objects.
 *
 * @param name the kustomization's directory under gpu-images/k8s, e.g. {@code overlays/gpu}
 */
record Rendered(String name, List<JsonNode> manifests, List<HasMetadata> objects) {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

  /** The base and every overlay: what a user may apply. */
  static List<String> kustomizations() {
    try (Stream<Path> overlays = Files.list(Paths.k8s().resolve("overlays"))) {
      List<String> names = new ArrayList<>(List.of("base"));
      overlays.filter(Files::isDirectory).map(dir -> "overlays/" + dir.getFileName()).sorted().forEach(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code name} rendered (once per test run) and read strictly. */
  static Rendered of(String name) {
    return CACHE.computeIfAbsent(name, n -> parse(n, Kustomize.build(Paths.k8s().resolve(n))));
  }

  /** Manifests given as YAML text, read strictly. */
  static Rendered parse(String name, String yaml) {
    List<JsonNode> manifests = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isEmpty()) {
          manifests.add(document);
        }
      }
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(name + ": not YAML: " + e.getOriginalMessage(), e);
    }
    return new Rendered(name, List.copyOf(manifests), manifests.stream().map(StrictModel::read).toList());
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T get(Class<T> kind, String objectName) {
    return all(kind).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(name + ": no " + kind.getSimpleName() + " " + objectName));
  }

  /** The Deployments and StatefulSets. */
  List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    all(Deployment.class).forEach(d -> workloads.add(new Workload(name, "Deployment", d.getMetadata().getName(),
        d.getSpec().getReplicas(), d.getSpec().getTemplate())));
    all(StatefulSet.class).forEach(s -> workloads.add(new Workload(name, "StatefulSet", s.getMetadata().getName(),
        s.getSpec().getReplicas(), s.getSpec().getTemplate())));
    return workloads;
  }

  @Override
  public String toString() {
    return name;
  }
}
