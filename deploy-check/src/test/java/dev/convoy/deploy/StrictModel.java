package dev.convoy.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads manifests into fabric8's typed Kubernetes model, refusing what the API would not
 * know. fabric8's classes keep unknown fields in an "additional properties" map (a Jackson
 * any-setter), which would accept any misspelt field; this reader removes every any-setter,
 * so an unknown field fails with its path, as does a value of the wrong type.
 */
final class StrictModel {
  /** The kinds the manifests may hold, by apiVersion/kind. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "v1/Service", Service.class,
      "v1/ServiceAccount", ServiceAccount.class,
      "apps/v1/Deployment", Deployment.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .addModule(new SimpleModule("strict-kubernetes").setDeserializerModifier(new NoAnySetter()))
      .build();

  private StrictModel() {}

  /**
   * @throws InvalidManifestException naming the object, and the field that is unknown or
   *     malformed
   */
  static HasMetadata read(JsonNode manifest) {
    String type = manifest.path("apiVersion").asString() + "/" + manifest.path("kind").asString();
    String name = manifest.path("metadata").path("name").asString();
    Class<? extends HasMetadata> model = KINDS.get(type);
    if (model == null) {
      throw new InvalidManifestException(type + " " + name + ": not a kind these manifests may use " + KINDS.keySet());
    }
    try {
      return MAPPER.treeToValue(manifest, model);
    } catch (JacksonException e) {
      throw new InvalidManifestException(type + " " + name + ": " + path(e) + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The field's path in the manifest, e.g. {@code spec.template.spec.containers[0].imagePullPolicyy}. */
  private static String path(JacksonException e) {
    return e.getPath().stream()
        .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  /** Drops the any-setter of every bean, so unknown properties are errors. */
  private static final class NoAnySetter extends ValueDeserializerModifier {
    @Override
    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier description,
        BeanDeserializerBuilder builder) {
      builder.setAnySetter(null);
      return builder;
    }
  }

  /** A manifest the Kubernetes API would refuse. */
  static final class InvalidManifestException extends RuntimeException {
    InvalidManifestException(String message) {
      super(message);
    }

    InvalidManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
