package dev.convoy.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPolicyTest {
  @TempDir
  Path dir;

  @Test
  void read_rolesAndPrincipals_grantTheirGroups() throws IOException {
    AccessPolicy policy = AccessPolicy.read(Files.writeString(dir.resolve("policy.json"), """
        {
          "tokensFile": "tokens.txt",
          "roles": {
            "application": {"groups": ["inference", "metadata", "health"]},
            "data-scientist": {"groups": ["model-repository", "model-config"]}
          },
          "principals": {
            "frontend": {"roles": ["application"]},
            "carol": {"roles": ["application", "data-scientist"]},
            "anonymous": {"roles": []}
          }
        }
        """));
    assertThat(policy.allows("frontend", EndpointGroup.INFERENCE)).isTrue();
    assertThat(policy.allows("frontend", EndpointGroup.MODEL_REPOSITORY)).isFalse();
    assertThat(policy.allows("carol", EndpointGroup.MODEL_REPOSITORY)).isTrue();
    assertThat(policy.allows("anonymous", EndpointGroup.HEALTH)).isFalse();
    assertThat(policy.allows("mallory", EndpointGroup.HEALTH)).isFalse();
    assertThat(policy.tokensFile()).contains(dir.toAbsolutePath().resolve("tokens.txt"));
  }

  @Test
  void read_unknownGroup_namesRoleAndGroup() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.json"), """
        {"roles": {"ops": {"groups": ["inferense"]}}}
        """);
    assertThatThrownBy(() -> AccessPolicy.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ops'").hasMessageContaining("'inferense'").hasMessageContaining("model-repository");
  }

  @Test
  void read_unknownRole_namesPrincipalAndRole() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.json"), """
        {"principals": {"alice": {"roles": ["admin"]}}}
        """);
    assertThatThrownBy(() -> AccessPolicy.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'alice'").hasMessageContaining("'admin'");
  }

  @Test
  void read_unknownField_failsLoudly() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.json"), """
        {"users": {}}
        """);
    assertThatThrownBy(() -> AccessPolicy.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("users");
  }
}
