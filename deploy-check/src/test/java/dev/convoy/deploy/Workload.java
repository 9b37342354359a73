package dev.convoy.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Deployment or StatefulSet of a rendered kustomization.
 *
 * @param replicas null where the manifest leaves the count to an autoscaler
 */
record Workload(String kustomization, String kind, String name, Integer replicas, PodTemplateSpec template) {
  PodSpec pod() {
    return template.getSpec();
  }

  Map<String, String> podLabels() {
    return template.getMetadata().getLabels();
  }

  /** Init containers first, then the containers. */
  List<Container> allContainers() {
    List<Container> all = new ArrayList<>(pod().getInitContainers());
    all.addAll(pod().getContainers());
    return all;
  }

  /** True when every pair of {@code selector} is among the pod's labels. */
  boolean selectedBy(Map<String, String> selector) {
    return selector != null && !selector.isEmpty() && podLabels().entrySet().containsAll(selector.entrySet());
  }

  /** How failures name a container: {@code overlays/gpu: Deployment/convoy-server-gpu container server}. */
  String where(Container container) {
    return kustomization + ": " + kind + "/" + name + " container " + container.getName();
  }

  String where() {
    return kustomization + ": " + kind + "/" + name;
  }
}
