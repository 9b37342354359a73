package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kustomization renders with kustomize, and every manifest fits the Kubernetes API. */
class ManifestSchemaTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: probe}
      spec:
        replicas: 2
        selector: {matchLabels: {app: probe}}
        template:
          metadata: {labels: {app: probe}}
          spec:
            containers:
              - name: main
                image: example/probe
      """;

  static List<String> kustomizations() {
    return Rendered.kustomizations();
  }

  @Test
  void kustomizations_includeTheBaseAndEveryOverlay() {
    assertThat(kustomizations()).contains("base", "overlays/cpu-only", "overlays/gpu", "overlays/secure");
  }

  @Test
  void kustomize_isTheReleaseBinary() {
    assertThat(Kustomize.version()).contains("kustomize/v4.5.4");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void render_everyManifest_readsStrictlyIntoTheTypedModel(String name) {
    Rendered rendered = Rendered.of(name);

    assertThat(rendered.objects()).as(name).hasSameSizeAs(rendered.manifests()).isNotEmpty();
    assertThat(rendered.objects()).extracting(HasMetadata::getKind)
        .contains("Namespace", "Deployment", "StatefulSet", "Service", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "NetworkPolicy", "ConfigMap");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void render_everyManifest_fitsItsOpenApiSchema(String name) {
    assertThat(ApiSchemas.violations(Rendered.of(name).manifests())).as(name).isEmpty();
  }

  @Test
  void strictModel_wellFormedDeployment_reads() {
    Deployment deployment = Rendered.parse("inline", DEPLOYMENT).get(Deployment.class, "probe");

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void strictModel_unknownSpecField_isRefusedWithItsPath() {
    assertThatThrownBy(() -> Rendered.parse("inline", DEPLOYMENT.replace("replicas: 2", "replicass: 2")))
        .isInstanceOf(StrictModel.InvalidManifestException.class)
        .hasMessageContaining("apps/v1/Deployment probe")
        .hasMessageContaining("spec.replicass");
  }

  @Test
  void strictModel_misspeltContainerField_isRefusedWithItsPath() {
    assertThatThrownBy(() -> Rendered.parse("inline", DEPLOYMENT.replace("image: example/probe",
        "image: example/probe\n          imagePullPolicyy: Always")))
        .hasMessageContaining("spec.template.spec.containers[0].imagePullPolicyy");
  }

  @Test
  void strictModel_wrongType_isRefused() {
    assertThatThrownBy(() -> Rendered.parse("inline", DEPLOYMENT.replace("replicas: 2", "replicas: two")))
        .isInstanceOf(StrictModel.InvalidManifestException.class)
        .hasMessageContaining("spec.replicas");
  }

  @Test
  void strictModel_unsupportedKind_isRefused() {
    assertThatThrownBy(() -> Rendered.parse("inline", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"))
        .hasMessageContaining("v1/Pod p: not a kind");
  }

  @Test
  void apiSchemas_missingRequiredField_isReported() {
    Rendered rendered = Rendered.parse("inline", DEPLOYMENT.replace("- name: main\n", "- "));

    assertThat(ApiSchemas.violations(rendered.manifests())).singleElement().asString()
        .contains("apps/v1/Deployment probe").contains("containers/0 must have required property name");
  }

  @Test
  void apiSchemas_valueOutsideItsEnum_isReported() {
    Rendered rendered = Rendered.parse("inline", DEPLOYMENT.replace("  replicas: 2",
        "  replicas: 2\n  strategy: {type: Rolling}"));

    assertThat(ApiSchemas.violations(rendered.manifests())).singleElement().asString()
        .contains("spec/strategy/type");
  }
}
